"""The organiser's dashboard at /orga/<slug>/: the funnel, charts with their tables, the tools, and who may see it."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academy.accounts.models import Role
from tests import factories
from tests.programme import factories as programme
from tests.reports import builders

pytestmark = pytest.mark.django_db


def _edition(n):
    edition = factories.edition()
    builders.structure(edition)
    builders.people(edition, n)
    return edition


def _open(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    response = client.get(f"/orga/{edition.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_the_funnel_down_to_completion(client):
    page = _open(client, _edition(10))
    funnel = page[page.index('id="funnel-heading"') : page.index("</table>", page.index('id="funnel-heading"'))]
    assert re.search(r"Started an application</th>\s*<td class=\"num\">10</td>", funnel)
    assert re.search(r"Confirmed</th>\s*<td class=\"num\">2</td>", funnel)
    assert re.search(r"Completed</th>\s*<td class=\"num\">0</td>", funnel)
    assert "1 application was withdrawn." in page


def test_each_chart_has_its_data_and_a_table_with_the_same_figures(client):
    edition = _edition(10)
    page = _open(client, edition)
    data = json.loads(
        re.search(r'<script id="report-chart-data" type="application/json">(.*?)</script>', page).group(1)
    )
    ids = [chart["id"] for chart in data]
    assert ids == ["chart-per-day", "chart-country", "chart-ecosystem", "chart-experience", "chart-background",
                   "chart-reviews", "chart-attendance", "chart-homework"]  # fmt: skip
    for chart_id in ids:
        assert f'<canvas id="{chart_id}"></canvas>' in page
    per_day = data[0]
    assert per_day["type"] == "line" and per_day["datasets"][0]["data"][-1] == 7
    assert per_day["labels"][per_day["marker"]["index"]] == edition.application_deadline.isoformat()
    assert "Applicants and cohort by country" in page and '<th scope="row">Portugal</th>' in page
    assert "31 October 2022 — deadline" in page and "in Europe/Brussels" in page
    assert "Average ratings in “Online days” (1 to 5)" in page


def test_the_charts_are_drawn_by_the_shared_script_with_the_csp_nonce(client):
    page = _open(client, _edition(3))
    assert re.search(r'<script src="/static/academy/js/charts\.js" nonce="[^"]+" defer>', page)
    assert re.search(r'<script src="/static/vendor/chartjs/chart\.umd\.min\.js" nonce="[^"]+" defer>', page)


def test_the_dashboard_links_every_organiser_tool_that_exists(client):
    edition = _edition(3)
    page = _open(client, edition)
    for path in ["applications/", "reviews/", "programme/", "homework/", "surveys/", "info-pack/", "mail/", "clone/"]:
        assert f'href="/orga/{edition.slug}/{path}' in page, path


def test_an_empty_edition_says_so_instead_of_drawing_empty_charts(client):
    page = _open(client, factories.edition())
    assert "No application has been submitted yet." in page and "No survey has been set up yet." in page
    assert "<canvas" not in page


def _queries(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/orga/{edition.slug}/").status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_number_of_applications(client, django_assert_max_num_queries):
    small = _queries(client, _edition(10))
    big = _edition(60)
    client.force_login(factories.with_role(Role.ORGANISER, big))
    with django_assert_max_num_queries(small):
        client.get(f"/orga/{big.slug}/")
    assert small <= 30


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.COACH])
def test_reviewers_and_coaches_are_refused(client, role):
    edition = factories.edition()
    client.force_login(factories.with_role(role, edition))
    assert client.get(f"/orga/{edition.slug}/").status_code == 403


def test_an_applicant_and_another_editions_organiser_are_refused(client):
    edition = _edition(3)
    client.force_login(edition.applications.first().applicant)
    assert client.get(f"/orga/{edition.slug}/").status_code == 403
    client.force_login(factories.with_role(Role.ORGANISER, factories.edition()))
    assert client.get(f"/orga/{edition.slug}/").status_code == 403


def test_an_unknown_edition_is_404_and_visitors_are_asked_to_log_in(client):
    assert client.get("/orga/nope/").status_code == 302
    client.force_login(factories.admin())
    assert client.get("/orga/nope/").status_code == 404


def test_organisers_find_the_dashboard_on_their_page(client):
    edition = factories.edition()
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    assert f'href="/orga/{edition.slug}/"' in client.get("/me/").content.decode()


def test_every_organiser_tool_is_linked_from_the_dashboard(client):
    edition = _edition(3)
    page, slug = _open(client, edition), edition.slug
    for tool in ("selection", "offers", "completion", "groups", "alumni", "privacy", "privacy/access", "clone"):
        assert f'href="/orga/{slug}/{tool}/"' in page, tool


def test_the_dashboard_shows_session_times_in_the_editions_zone_as_the_programme_does(client):
    edition = factories.edition()  # online days in December: Brussels is on CET, one hour ahead of UTC
    programme.session(edition, title="Opening", start=dt.time(9, 30), end=dt.time(11))
    page = _open(client, edition)
    row = re.search(r'<th scope="row">Opening</th>(.*?)</tr>', page, re.S).group(1)
    assert "09:30 CET" in row and "08:30" not in row
    client.logout()
    timetable = client.get(f"/editions/{edition.slug}/programme/").content.decode()
    assert "09:30" in timetable and "CET" in timetable

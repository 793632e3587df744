"""The demo shows full dashboards for the 2022 edition and the open one, and the clone works from it."""

import io
import re

import pytest
from django.core.management import call_command

from academy.accounts.models import EditionRole, Role, User
from academy.applications.models import Application, Status
from academy.editions.models import Edition

pytestmark = pytest.mark.django_db


def _count(page, label):
    return int(re.search(rf"{label}(?:</th>| <small>[^<]*</small></th>)\s*<td class=\"num\">(\d+)</td>", page).group(1))


@pytest.mark.slow  # the whole demo seed
def test_the_demo_dashboards_are_full_and_the_2022_edition_clones(client):
    out = io.StringIO()
    call_command("seed", stdout=out)
    assert "applications submitted to" in out.getvalue()
    organiser = User.objects.get(email="organiser@academy.example")
    client.force_login(organiser)

    page = client.get("/orga/cba-2022/").content.decode()
    assert _count(page, "Started an application") == 600 and _count(page, "Confirmed") == 40
    assert _count(page, "Reviewed") > 400
    for chart in ["per-day", "country", "ecosystem", "experience", "background", "reviews", "attendance", "homework"]:
        assert f'<canvas id="chart-{chart}">' in page, chart
    assert "Average ratings in" in page

    current = Edition.objects.exclude(slug="cba-2022").get()
    page = client.get(f"/orga/{current.slug}/").content.decode()
    submitted = Application.objects.filter(edition=current, status=Status.SUBMITTED).count()
    assert submitted >= 80 and _count(page, "Submitted") == submitted
    assert '<canvas id="chart-per-day">' in page and '<canvas id="chart-country">' in page

    response = client.post("/orga/cba-2022/clone/", {"name": "Cluster Booster Academy 2023", "slug": "cba-2023"})
    assert response.status_code == 302 and response["Location"] == "/orga/cba-2023/"
    clone = Edition.objects.get(slug="cba-2023")
    assert clone.sessions.count() == 32 and clone.questions.count() == 9 and clone.surveys.count() == 2
    assert not Application.objects.filter(edition=clone).exists()
    assert list(EditionRole.objects.filter(edition=clone).values_list("user", "role")) == [
        (organiser.pk, Role.ORGANISER)
    ]

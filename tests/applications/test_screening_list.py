"""The organiser's list of an edition's applications: filters, search, sort, pages, counts, permissions."""

import datetime as dt

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import Role
from academy.applications.filters import ScreeningFilterForm, Select
from academy.applications.models import Status
from tests import factories
from tests.applications import screening_factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(edition, client):
    person = factories.with_role(Role.ORGANISER, edition)
    client.force_login(person)
    return person


def names(client, edition, **params):
    response = client.get(reverse("screening:list", args=[edition.slug]), params)
    assert response.status_code == 200
    return [app["applicant__full_name"] for app in response.context["page"].object_list]


def test_status_filter_narrows_to_drafts(client, edition, organiser):
    sf.application(edition, name="Submitted One")
    sf.application(edition, name="Draft One", status=Status.DRAFT)
    sf.application(edition, name="Withdrawn One", status=Status.WITHDRAWN)
    assert names(client, edition, status="draft") == ["Draft One"]
    assert names(client, edition, status="withdrawn") == ["Withdrawn One"]
    assert sorted(names(client, edition)) == ["Draft One", "Submitted One", "Withdrawn One"]


def test_eligibility_filter_tells_yes_no_and_unchecked_apart(client, edition, organiser):
    sf.application(edition, name="Yes", eligible=True)
    sf.application(edition, name="No", eligible=False)
    sf.application(edition, name="Unknown", eligible=None)
    assert names(client, edition, eligible="yes") == ["Yes"]
    assert names(client, edition, eligible="no") == ["No"]
    assert names(client, edition, eligible="unknown") == ["Unknown"]


def test_country_filter_uses_the_organisations_country(client, edition, organiser):
    sf.application(edition, name="Lisbon", country="PT")
    sf.application(edition, name="Berlin", country="DE")
    assert names(client, edition, country="PT") == ["Lisbon"]
    response = client.get(reverse("screening:list", args=[edition.slug]))
    assert [code for code, _ in response.context["form"].fields["country"].choices] == ["", "DE", "PT"]


def test_ecosystem_filter_uses_the_registry_ecosystems(client, edition, organiser):
    sf.application(edition, name="Health cluster", ecosystems=["health", "digital"])
    sf.application(edition, name="Tourism cluster", ecosystems=["tourism"])
    assert names(client, edition, ecosystem="health") == ["Health cluster"]
    assert names(client, edition, ecosystem="renewable-energy") == []


def test_experience_filter_reads_the_latest_submitted_answer(client, edition, organiser):
    sf.questions(edition)
    veteran = sf.application(edition, name="Veteran", answers={"experience": sf.EXPERIENCE[2]})
    sf.application(edition, name="Newcomer", answers={"experience": sf.EXPERIENCE[0]})
    sf.application(edition, name="Drafting veteran", status=Status.DRAFT, answers={"experience": sf.EXPERIENCE[2]})
    # An unsubmitted change to the draft does not count until it is submitted.
    veteran.answers = {"experience": sf.EXPERIENCE[0]}
    veteran.save()
    assert sorted(names(client, edition, experience=sf.EXPERIENCE[2])) == ["Drafting veteran", "Veteran"]
    assert names(client, edition, experience=sf.EXPERIENCE[1]) == []


def test_experience_filter_is_offered_only_when_a_question_is_tagged(client, edition, organiser):
    response = client.get(reverse("screening:list", args=[edition.slug]))
    assert "experience" not in response.context["form"].fields
    sf.questions(edition)
    response = client.get(reverse("screening:list", args=[edition.slug]))
    assert response.context["form"].fields["experience"].label == "How long have you managed a cluster?"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("silva", ["Ana Silva"]), ("ACME", ["Jonas Novak"]), ("jonas@novak", ["Jonas Novak"]), ("ana acme", [])],
)
def test_search_finds_name_organisation_and_email(client, edition, organiser, query, expected):
    sf.application(edition, name="Ana Silva", email="ana@example.org", org_name="Porto Cluster")
    sf.application(edition, name="Jonas Novak", email="jonas@novak.example", org_name="Acme Mobility")
    assert names(client, edition, q=query) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Ana", "Bea", "Carl"]),
        ("-name", ["Carl", "Bea", "Ana"]),
        ("country", ["Bea", "Carl", "Ana"]),  # by ISO code: AT, BE, CZ
        ("organisation", ["Carl", "Ana", "Bea"]),
        ("submitted", ["Bea", "Ana", "Carl"]),
        ("-submitted", ["Carl", "Ana", "Bea"]),
    ],
)
def test_sort_orders_the_list(client, edition, organiser, sort, expected):
    now = dt.datetime(2022, 10, 20, 12, tzinfo=dt.UTC)
    sf.application(edition, name="Ana", country="CZ", org_name="Beta", submitted_at=now)
    sf.application(edition, name="Bea", country="AT", org_name="Gamma", submitted_at=now - dt.timedelta(hours=1))
    sf.application(edition, name="Carl", country="BE", org_name="alpha", submitted_at=now + dt.timedelta(hours=1))
    assert names(client, edition, sort=sort) == expected


def test_fifty_per_page_and_the_filters_carry_to_the_next_page(client, edition, organiser):
    sf.many_applications(edition, 120, statuses=(Status.SUBMITTED,))
    url = reverse("screening:list", args=[edition.slug])
    first = client.get(url, {"status": "submitted", "sort": "name"})
    assert len(first.context["page"].object_list) == 50 and first.context["page"].paginator.num_pages == 3
    assert 'href="?status=submitted&amp;sort=name&amp;page=2"' in first.content.decode()
    last = client.get(url, {"status": "submitted", "sort": "name", "page": 3})
    assert len(last.context["page"].object_list) == 20
    beyond = client.get(url, {"page": "999"})
    assert beyond.context["page"].number == 3


def test_pages_sorted_by_name_follow_on_without_gaps_or_repeats(client, edition, organiser):
    sf.many_applications(edition, 120, statuses=(Status.SUBMITTED, Status.DRAFT))
    seen = [name for n in (1, 2, 3) for name in names(client, edition, sort="-name", page=n)]
    assert len(set(seen)) == 120 and seen == sorted(seen, key=str.lower, reverse=True)


def test_counts_per_status_include_drafts_and_follow_the_other_filters(client, edition, organiser):
    sf.application(edition, country="PT")
    sf.application(edition, country="PT", status=Status.DRAFT)
    sf.application(edition, country="PT", status=Status.DRAFT)
    sf.application(edition, country="DE", status=Status.WITHDRAWN)
    url = reverse("screening:list", args=[edition.slug])
    tabs = {t["value"]: t["count"] for t in client.get(url, {"status": "draft"}).context["tabs"]}
    assert tabs == {"": 4, "draft": 2, "submitted": 1, "withdrawn": 1}
    tabs = {t["value"]: t["count"] for t in client.get(url, {"country": "PT"}).context["tabs"]}
    assert tabs == {"": 3, "draft": 2, "submitted": 1, "withdrawn": 0}


def test_an_unknown_filter_value_is_named_and_the_others_still_apply(client, edition, organiser):
    sf.application(edition, name="Lisbon", country="PT")
    sf.application(edition, name="Lisbon draft", country="PT", status=Status.DRAFT)
    response = client.get(reverse("screening:list", args=[edition.slug]), {"status": "bogus", "country": "PT"})
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()
    assert "status" in response.context["form"].errors
    assert sorted(a["applicant__full_name"] for a in response.context["page"].object_list) == ["Lisbon", "Lisbon draft"]


def test_filters_keep_their_values_and_export_links_carry_them(client, edition, organiser):
    sf.application(edition, country="PT")
    response = client.get(reverse("screening:list", args=[edition.slug]), {"country": "PT", "q": "ana"})
    html = response.content.decode()
    assert '<option value="PT" selected>' in html and 'value="ana"' in html
    assert f"{reverse('screening:export_csv', args=[edition.slug])}?q=ana&amp;country=PT" in html
    assert f"{reverse('screening:export_xlsx', args=[edition.slug])}?q=ana&amp;country=PT" in html
    assert '<label for="id_country">Country of the organisation</label>' in html


def test_names_are_escaped_in_the_list(client, edition, organiser):
    sf.application(edition, name="<b>Bold</b>")
    html = client.get(reverse("screening:list", args=[edition.slug])).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "<b>Bold</b>" not in html


def test_the_list_shows_only_this_editions_applications(client, edition, organiser):
    sf.application(factories.edition(), name="Elsewhere")
    sf.application(edition, name="Here")
    assert names(client, edition) == ["Here"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {
            "status": "submitted",
            "q": "person",
            "sort": "name",
            "experience": sf.EXPERIENCE[1],
            "ecosystem": "digital",
            "country": "DE",
            "eligible": "yes",
        },
    ],
)
def test_the_list_runs_the_same_number_of_queries_at_10_and_1000(
    client, edition, organiser, params, django_assert_num_queries
):
    sf.questions(edition)
    url = reverse("screening:list", args=[edition.slug])
    sf.many_applications(edition, 10)
    client.get(url, params)  # warm the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, params).status_code == 200
    sf.many_applications(edition, 990)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, params)
    assert response.status_code == 200
    if not params:
        assert response.context["page"].paginator.count == 1000


def test_the_filters_quicker_select_writes_what_djangos_select_writes(edition):
    form = ScreeningFilterForm({"status": "draft", "per_page": "250"}, countries=[("DE", "Germany"), ("PT", "<P&T>")])
    for name in ("status", "eligible", "country", "ecosystem", "sort", "per_page"):
        field = form[name]
        assert field.as_widget() == field.as_widget(widget=forms.Select(choices=field.field.choices)), name
    grouped = [("", "Any"), ("Group <1>", [("a", "A"), ("b", "B & C")]), ("c", "C")]
    for value in ("", "b", "c"):
        expected = forms.Select(choices=grouped).render("x", value, {"id": "id_x", "aria-invalid": "true"})
        assert Select(choices=grouped).render("x", value, {"id": "id_x", "aria-invalid": "true"}) == expected

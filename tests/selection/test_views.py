"""The organisers' selection screens through real HTTP: who may open them, the rules form, locks, a run
from the button to its result, compare, adopt and the audit export."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academy.accounts.models import AuditEntry, Role
from academy.selection import execution, forms, runs
from academy.selection.models import Offer, SelectionLock, SelectionRules, SelectionRun
from tests import factories
from tests.selection import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return builders.small_edition()


@pytest.fixture
def organiser(edition, client):
    person = factories.with_role(Role.ORGANISER, edition)
    client.force_login(person)
    return person


def finished_run(edition, by, capture, **options):
    with capture(execute=True):
        run = runs.start_run(edition, by=by, **options)
    run.refresh_from_db()
    return run


def base(edition):
    return f"/orga/{edition.slug}/selection/"


PAGES = ["", "rules/", "locks/", "runs/1/", "runs/1/progress/", "runs/1/export.json", "runs/1/adopt/", "compare/"]


@pytest.mark.parametrize("kind", ["reviewer", "coach", "applicant", "other-organiser"])
def test_only_the_editions_organisers_open_the_selection_pages(
    client, edition, kind, django_capture_on_commit_callbacks
):
    owner = factories.with_role(Role.ORGANISER, edition)
    finished_run(edition, owner, django_capture_on_commit_callbacks, seed=1)
    if kind == "applicant":
        person = edition.apps[0].applicant
    elif kind == "other-organiser":
        person = factories.with_role(Role.ORGANISER, builders.edition())
    else:
        person = factories.with_role(Role(kind), edition)
    client.force_login(person)
    for page in PAGES:
        assert client.get(base(edition) + page).status_code == 403, page
    assert client.post(base(edition) + "runs/").status_code == 403
    assert client.post(base(edition) + "runs/1/adopt/").status_code == 403
    assert not SelectionRun.objects.filter(adopted_at__isnull=False).exists()


def test_visitors_are_sent_to_log_in(client, edition):
    response = client.get(base(edition))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_run_of_another_edition_is_not_found(client, edition, organiser, django_capture_on_commit_callbacks):
    other = builders.edition()
    builders.pool(other, builders.ROWS)
    finished_run(other, factories.with_role(Role.ORGANISER, other), django_capture_on_commit_callbacks, seed=1)
    for page in ("runs/1/", "runs/1/export.json", "runs/1/adopt/", "runs/1/progress/"):
        assert client.get(base(edition) + page).status_code == 404, page


def rules_post(**changes):
    data = {
        "country-enabled": "on",
        "country-limit": "2",
        "country-exceptions": "",
        "country-penalty": "1",
        "organisation-enabled": "on",
        "organisation-limit": "1",
        "organisation-penalty": "1",
        "bounds-TOTAL_FORMS": "1",
        "bounds-INITIAL_FORMS": "0",
        "bounds-0-target": "experience::Under 3 years",
        "bounds-0-kind": "dimension_min",
        "bounds-0-count": "",
        "bounds-0-share": "25",
        "bounds-0-penalty": "1",
        "coverage-TOTAL_FORMS": "1",
        "coverage-INITIAL_FORMS": "0",
        "coverage-0-dimension": "ecosystems",
        "coverage-0-at_least": "",
        "coverage-0-penalty": "1",
        "general-respond_days": "7",
    }
    return data | changes


def test_the_rules_form_saves_rules_in_the_instance_format(client, edition, organiser):
    response = client.post(
        base(edition) + "rules/",
        rules_post(**{"country-exceptions": "de=3, FR=1", "general-lexicographic": "on", "bounds-0-soft": "on"}),
    )
    assert response.status_code == 302
    saved = SelectionRules.objects.get(edition=edition)
    assert saved.rules == [
        {"rule": "country_cap", "limit": 2, "per_value": {"DE": 3, "FR": 1}},
        {"rule": "organisation_cap", "limit": 1},
        {
            "rule": "dimension_min",
            "dimension": "experience",
            "value": "Under 3 years",
            "share": 0.25,
            "soft": True,
            "penalty": 1.0,
        },
    ]
    assert saved.lexicographic is True and saved.updated_by == organiser
    page = client.get(base(edition) + "rules/").content.decode()
    assert 'value="DE=3, FR=1"' in page and 'value="25' in page, "the form shows the saved rules again"
    assert "the country cap of 2 (DE: 3, FR: 1)" in client.get(base(edition)).content.decode()


def test_a_rejected_rules_form_keeps_what_was_typed_and_says_what_to_do(client, edition, organiser):
    response = client.post(
        base(edition) + "rules/",
        rules_post(**{"country-limit": "7", "country-exceptions": "Germany four", "bounds-0-count": "3"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write each exception as CODE=NUMBER" in page
    assert "Give either a number of people or a share of the cohort, not both." in page
    assert 'value="7"' in page and 'value="Germany four"' in page
    assert not SelectionRules.objects.exists()


def test_a_post_claiming_thousands_of_rule_rows_is_refused_without_building_them(client, edition, organiser):
    response = client.post(base(edition) + "rules/", rules_post(**{"bounds-TOTAL_FORMS": "99999"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Some rules are not complete" in page
    assert page.count('name="bounds-') < 20 * forms.MAX_RULES, "at most MAX_RULES bound rows are built and shown"
    assert not SelectionRules.objects.exists()


def test_the_instance_validation_speaks_when_the_form_cannot(client, edition, organiser, monkeypatch):
    monkeypatch.setattr(forms.CoverageForm, "to_rule", lambda self: {"rule": "coverage", "at_least": 2})
    response = client.post(base(edition) + "rules/", rules_post(**{"coverage-0-at_least": "2"}))
    assert response.status_code == 400
    assert "The rules cannot be used: rules[3]: dimension must be a non-empty text" in response.content.decode()


def test_locks_are_set_from_the_candidate_list(client, edition, organiser):
    page = client.get(base(edition) + "locks/").content.decode()
    first, second = edition.apps[0], edition.apps[5]
    assert f'name="lock-{first.pk}"' in page
    stranger = builders.application(builders.edition(), total=50)
    response = client.post(
        base(edition) + "locks/", {f"lock-{first.pk}": "out", f"lock-{second.pk}": "in", f"lock-{stranger.pk}": "in"}
    )
    assert response.status_code == 302
    assert dict(SelectionLock.objects.values_list("application_id", "lock")) == {first.pk: "out", second.pk: "in"}
    client.post(base(edition) + "locks/", {f"lock-{first.pk}": ""})
    assert list(SelectionLock.objects.values_list("application_id", flat=True)) == [second.pk]
    assert client.get(base(edition) + "locks/?q=no-such-name").content.decode().count('name="lock-') == 0


def test_the_run_button_runs_and_the_result_page_shows_cohort_rules_charts_and_waitlist(
    client, edition, organiser, django_capture_on_commit_callbacks
):
    SelectionRules.objects.create(edition=edition, rules=[{"rule": "country_cap", "limit": 2}])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(base(edition) + "runs/", {"seed": "42"})
    assert response.status_code == 302 and response["Location"] == base(edition) + "runs/1/"
    run = SelectionRun.objects.get()
    assert (run.seed, run.state) == (42, "done")
    page = client.get(response["Location"]).content.decode()
    assert "Selection run 1" in page and "<dd>42</dd>" in page
    assert "The cohort: 4 people" in page
    assert "the country cap of 2" in page and "yes: at the limit (DE)" in page
    assert 'id="selection-chart-data"' in page and "Experience: the cohort against the pool" in page
    assert "Country: the cohort against the pool" in page and "Ecosystems: the cohort against the pool" in page
    assert "Waitlist and explanations" in page and "country cap of 2 for DE reached by" in page
    assert 'id="run-progress"' not in page, "a finished run does not poll"


def test_a_queued_run_polls_its_progress_until_it_finishes(client, edition, organiser):
    run = runs.start_run(edition, by=organiser, seed=5)  # the task waits for the commit: still queued
    page = client.get(base(edition) + "runs/1/").content.decode()
    assert 'id="run-progress"' in page and "Waiting for a worker" in page
    partial = client.get(base(edition) + "runs/1/progress/")
    assert "HX-Refresh" not in partial and "Waiting for a worker (0%)" in partial.content.decode()
    execution.execute(run.pk)
    partial = client.get(base(edition) + "runs/1/progress/")
    assert partial["HX-Refresh"] == "true" and "done" in partial.content.decode()


def test_an_infeasible_run_shows_the_relaxation(client, edition, organiser, django_capture_on_commit_callbacks):
    rules = [{"rule": "dimension_min", "dimension": "experience", "value": "Under 3 years", "count": 3}]
    finished_run(edition, organiser, django_capture_on_commit_callbacks, rules=rules, seed=1)
    page = client.get(base(edition) + "runs/1/").content.decode()
    assert "The rules cannot all hold" in page
    assert "lower the minimum of experience = Under 3 years from 3 to 2" in page
    assert "Adopt this run" not in page


def test_a_start_with_a_bad_seed_or_broken_rules_says_why(client, edition, organiser):
    response = client.post(base(edition) + "runs/", {"seed": "-4"}, follow=True)
    assert "The seed must be a whole number" in response.content.decode()
    SelectionRules.objects.create(edition=edition, rules=[{"rule": "coverage", "at_least": 2}])
    response = client.post(base(edition) + "runs/", {"seed": "4"}, follow=True)
    assert "The rules cannot be used" in response.content.decode()
    assert not SelectionRun.objects.exists()


def test_two_runs_are_compared_side_by_side(client, edition, organiser, django_capture_on_commit_callbacks):
    finished_run(edition, organiser, django_capture_on_commit_callbacks, seed=1, rules=[])
    finished_run(
        edition, organiser, django_capture_on_commit_callbacks, seed=1, rules=[{"rule": "country_cap", "limit": 1}]
    )
    page = client.get(base(edition) + "compare/?a=1&b=2").content.decode()
    only_one = edition.apps[1].applicant.full_name  # the second German: in run 1, out under a cap of 1
    only_two = edition.apps[4].applicant.full_name  # the Italian takes the seat
    section_a = page.split('id="only-a-heading"')[1].split('id="only-b-heading"')[0]
    section_b = page.split('id="only-b-heading"')[1]
    assert only_one in section_a and only_one not in section_b
    assert only_two in section_b and only_two not in section_a
    assert "Countries" in page and "2 people are in both cohorts." in page
    assert "Choose two finished runs" in client.get(base(edition) + "compare/?a=1&b=9").content.decode()


def test_adopting_asks_first_then_adopts_once(client, edition, organiser, django_capture_on_commit_callbacks):
    finished_run(edition, organiser, django_capture_on_commit_callbacks, seed=1)
    finished_run(edition, organiser, django_capture_on_commit_callbacks, seed=2)
    confirm = client.get(base(edition) + "runs/1/adopt/").content.decode()
    assert "Adopt run 1?" in confirm and "4 applicants are offered a seat" in confirm
    assert not SelectionRun.objects.filter(adopted_at__isnull=False).exists(), "a GET adopts nothing"
    response = client.post(base(edition) + "runs/1/adopt/", follow=True)
    assert "Run 1 is adopted as the decision." in response.content.decode()
    assert SelectionRun.objects.get(adopted_at__isnull=False).number == 1
    response = client.post(base(edition) + "runs/2/adopt/", follow=True)
    assert "Run 1 is adopted already: an edition adopts one run." in response.content.decode()
    assert SelectionRun.objects.get(number=2).adopted_at is None
    offered = Offer.objects.filter(application__edition=edition).count()
    client.post(base(edition) + "runs/1/adopt/", follow=True)  # a double click on the first
    assert offered == 4 and Offer.objects.filter(application__edition=edition).count() == offered


def test_the_audit_export_downloads_instance_and_result(client, edition, organiser, django_capture_on_commit_callbacks):
    run = finished_run(edition, organiser, django_capture_on_commit_callbacks, seed=3)
    response = client.get(base(edition) + "runs/1/export.json")
    assert response["Content-Disposition"] == f'attachment; filename="{edition.slug}-selection-run-1.json"'
    data = json.loads(response.content)
    assert data == {"instance": run.instance, "result": run.result}
    assert AuditEntry.objects.filter(action="selection.run_exported", actor=organiser).exists()


def test_a_run_whose_starter_and_adopter_are_gone_still_shows(
    client, edition, organiser, django_capture_on_commit_callbacks
):
    """Runs started from the command line have no starter, and deleting an account empties both fields: the
    overview and the run page once failed on the missing e-mail (found by the authorisation matrix)."""
    run = finished_run(edition, organiser, django_capture_on_commit_callbacks, seed=4)
    client.post(base(edition) + "runs/1/adopt/")
    SelectionRun.objects.filter(pk=run.pk).update(created_by=None, adopted_by=None)
    overview = client.get(base(edition))
    assert overview.status_code == 200 and "—" in overview.content.decode()
    page = client.get(base(edition) + "runs/1/")
    assert page.status_code == 200 and "Adopted on" in page.content.decode()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_result_and_overview_pages_take_a_constant_number_of_queries(
    client, organiser, edition, django_capture_on_commit_callbacks
):
    small = (
        queries(client, base(edition) + "runs/1/")
        if finished_run(edition, organiser, django_capture_on_commit_callbacks, seed=1)
        else None
    )
    overview_small = queries(client, base(edition))
    for n in range(30):
        builders.application(edition, total=30 + n, country=["BE", "NL", "AT"][n % 3])
    for _ in range(3):
        finished_run(edition, organiser, django_capture_on_commit_callbacks, seed=2)
    assert queries(client, base(edition) + "runs/4/") == small
    assert queries(client, base(edition)) == overview_small


def test_the_locks_page_takes_a_constant_number_of_queries(client, organiser, edition):
    few = queries(client, base(edition) + "locks/")
    for n in range(30):
        builders.application(edition, total=30 + n, country=["BE", "NL", "AT"][n % 3])
    assert queries(client, base(edition) + "locks/") == few


def test_without_reviewed_applications_the_start_form_is_replaced_by_what_to_do_and_a_post_is_refused(client):
    bare = builders.edition()
    builders.application(bare)  # submitted and eligible, not reviewed yet
    client.force_login(factories.with_role(Role.ORGANISER, bare))
    page = client.get(base(bare)).content.decode()
    assert "Score applications first" in page and "Run the selection" not in page
    assert f'href="/orga/{bare.slug}/reviews/"' in page, "the page links to where the scoring happens"
    response = client.post(base(bare) + "runs/", {"seed": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == base(bare)
    assert "Score applications first" in response.content.decode()
    assert not SelectionRun.objects.filter(edition=bare).exists()


def test_a_failed_run_shows_its_reason_in_words_never_the_exception(
    client, edition, organiser, django_capture_on_commit_callbacks, monkeypatch
):
    from academy.failures import SolverStopped

    def stopped(*args, **kwargs):
        raise SolverStopped("Unknown")

    monkeypatch.setattr(execution, "solve", stopped)
    run = finished_run(edition, organiser, django_capture_on_commit_callbacks, seed=1)
    page = client.get(base(edition) + f"runs/{run.number}/").content.decode()
    assert "The run failed" in page and "The optimiser stopped without an answer" in page
    for raw in ("SolverStopped", "HiGHS", "Traceback", "Unknown"):
        assert raw not in page, raw

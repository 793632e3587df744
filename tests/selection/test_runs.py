"""Selection runs: what a run stores, that the same seed gives the same cohort, infeasible rules with their
relaxation, failures in words, and adoption (once)."""

import pytest

from academy.accounts.models import AuditEntry, Role
from academy.failures import SolverStopped
from academy.selection import execution, offers, runs
from academy.selection.instance import Instance
from academy.selection.models import SelectionRules, SelectionRun
from academy.selection.solver import solve
from tests import factories
from tests.selection import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return builders.small_edition()


@pytest.fixture
def organiser(edition):
    return factories.with_role(Role.ORGANISER, edition)


def run_now(edition, by, django_capture_on_commit_callbacks, **options):
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.start_run(edition, by=by, **options)
    run.refresh_from_db()
    return run


def test_a_run_stores_its_rules_seed_instance_result_and_explanations(
    edition, organiser, django_capture_on_commit_callbacks
):
    SelectionRules.objects.create(edition=edition, rules=[{"rule": "country_cap", "limit": 2}])
    run = run_now(edition, organiser, django_capture_on_commit_callbacks, seed=11)
    assert (run.number, run.state, run.progress, run.progress_text) == (1, "done", 100, "Done")
    assert run.rules == [{"rule": "country_cap", "limit": 2}] and run.seed == 11 and run.lexicographic is False
    assert run.instance["rules"] == run.rules and len(run.instance["candidates"]) == 6
    assert run.status == "optimal" and run.result["status"] == "optimal"
    apps = {c["id"]: c for c in run.instance["candidates"]}
    selected = run.result["selected"]
    assert len(selected) == 4 and sum(apps[i]["country"] == "DE" for i in selected) == 2
    assert run.objective == pytest.approx(sum(apps[i]["score"] for i in selected))
    assert set(run.explanations) == {str(i) for i in apps}
    germans_out = [i for i in apps if apps[i]["country"] == "DE" and i not in selected]
    assert "country cap of 2 for DE" in run.explanations[str(germans_out[0])]["message"]
    assert run.finished_at is not None and run.created_by == organiser
    assert AuditEntry.objects.filter(action="selection.run_started", object_id=str(run.pk)).exists()


def test_a_run_without_a_seed_gets_a_random_one_and_runs_are_numbered(
    edition, organiser, django_capture_on_commit_callbacks
):
    first = run_now(edition, organiser, django_capture_on_commit_callbacks)
    second = run_now(edition, organiser, django_capture_on_commit_callbacks)
    assert (first.number, second.number) == (1, 2)
    assert 1 <= first.seed < runs.SEED_RANGE and first.result["seed"] == first.seed


def test_the_same_seed_gives_the_same_cohort_among_exact_ties(django_capture_on_commit_callbacks):
    edition = builders.edition(min_participants=3, max_participants=3)
    # Eight applicants with the same review total: every cohort of three ties, the seed decides.
    for n in range(8):
        builders.application(edition, total=70 if n else 71, country=["DE", "FR", "IT", "PT"][n % 4])
    builders.application(edition, total=10)  # a reviewer whose totals all tie would give everyone z = 0
    organiser = factories.with_role(Role.ORGANISER, edition)
    cohorts = {
        seed: [
            sorted(run_now(edition, organiser, django_capture_on_commit_callbacks, seed=seed).result["selected"])
            for _ in range(2)
        ]
        for seed in (1, 2, 3, 4)
    }
    assert all(a == b for a, b in cohorts.values()), "the same seed must give the same cohort"
    assert len({tuple(a) for a, _ in cohorts.values()}) > 1, "different seeds break the ties differently"


def test_infeasible_rules_finish_with_the_smallest_relaxation_in_words(
    edition, organiser, django_capture_on_commit_callbacks
):
    rules = [{"rule": "dimension_min", "dimension": "experience", "value": "Under 3 years", "count": 3}]
    run = run_now(edition, organiser, django_capture_on_commit_callbacks, rules=rules, seed=1)
    assert (run.state, run.status, run.objective) == ("done", "infeasible", None)
    changes = run.result["relaxation"]["changes"]
    assert [c["message"] for c in changes] == ["lower the minimum of experience = Under 3 years from 3 to 2"]


def test_rules_that_are_not_valid_are_refused_before_a_run_starts(edition, organiser):
    with pytest.raises(runs.RunError, match="share must be a number between 0 and 1"):
        runs.start_run(
            edition,
            by=organiser,
            rules=[{"rule": "dimension_max", "dimension": "experience", "value": "x", "share": 2}],
        )
    assert not SelectionRun.objects.exists()


def test_a_crash_in_the_solver_marks_the_run_failed_in_words_with_the_technical_text_in_the_log(
    edition, organiser, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("HiGHS ran out of memory")

    monkeypatch.setattr(execution, "solve", broken)
    run = run_now(edition, organiser, django_capture_on_commit_callbacks, seed=3)
    assert run.state == "failed" and run.progress_text == "Failed"
    assert run.error.startswith("Something went wrong on our side while solving selection run 1")
    assert "Try again" in run.error and "RuntimeError" not in run.error and "HiGHS" not in run.error
    reference = run.error.rsplit(" ", 1)[1].rstrip(".")
    logged = [r for r in caplog.records if r.name == "academy.failures"]
    assert reference in logged[0].getMessage() and "HiGHS ran out of memory" in str(logged[0].exc_info[1])
    assert run.instance is not None, "the instance built before the crash is kept for the audit"


def test_a_solver_that_finds_the_pool_empty_says_to_score_applications_first(
    edition, organiser, django_capture_on_commit_callbacks, monkeypatch
):
    def empty(*args, **kwargs):
        raise SolverStopped("Empty")

    monkeypatch.setattr(execution, "solve", empty)
    run = run_now(edition, organiser, django_capture_on_commit_callbacks, seed=3)
    assert run.state == "failed" and "Score applications first" in run.error and "Empty" not in run.error


def test_a_run_without_reviewed_candidates_does_not_start_and_says_what_to_do(organiser):
    bare = builders.edition()
    builders.application(bare)  # submitted and eligible, but nobody has reviewed it
    builders.application(bare, total=80, eligible=False)  # reviewed, but out of scope
    with pytest.raises(runs.RunError, match="Score applications first"):
        runs.start_run(bare, by=organiser)
    assert not SelectionRun.objects.filter(edition=bare).exists()


def test_executing_a_finished_run_again_changes_nothing(edition, organiser, django_capture_on_commit_callbacks):
    run = run_now(edition, organiser, django_capture_on_commit_callbacks, seed=4)
    finished = run.finished_at
    again = execution.execute(run.pk)
    assert again.finished_at == finished and again.result == run.result


def test_the_export_re_solves_to_the_same_result(edition, organiser, django_capture_on_commit_callbacks):
    run = run_now(edition, organiser, django_capture_on_commit_callbacks, seed=9)
    data = runs.export(run)
    assert set(data) == {"instance", "result"}
    again = solve(Instance.from_json(data["instance"]), seed=data["result"]["seed"]).to_json()
    for key in ("status", "objective", "selected", "waitlist", "rules"):
        assert again[key] == data["result"][key]


def test_a_run_is_adopted_once(edition, organiser, django_capture_on_commit_callbacks):
    first = run_now(edition, organiser, django_capture_on_commit_callbacks, seed=1)
    second = run_now(edition, organiser, django_capture_on_commit_callbacks, seed=2)
    offers.adopt(first, by=organiser)
    first.refresh_from_db()
    assert first.adopted_by == organiser and first.adopted_at is not None
    assert runs.adopted_run(edition) == first
    with pytest.raises(offers.OfferError, match="Run 1 is adopted already"):
        offers.adopt(second, by=organiser)


def test_an_infeasible_run_cannot_be_adopted(edition, organiser, django_capture_on_commit_callbacks):
    rules = [{"rule": "country_cap", "limit": 0}]
    run = run_now(edition, organiser, django_capture_on_commit_callbacks, rules=rules, seed=1)
    with pytest.raises(offers.OfferError, match="finished run with a cohort"):
        offers.adopt(run, by=organiser)

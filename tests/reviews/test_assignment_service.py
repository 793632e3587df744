"""The automatic assignment over the database: N reviewers each, no conflicts, re-runs that keep what
organisers and reviewers did, clear reasons when it is impossible, and the `academy assign` command."""

from collections import Counter

import pytest
import time_machine
from django.core.management import CommandError, call_command

from academy.accounts.models import AuditEntry
from academy.applications.models import Status
from academy.reviews import assigning, pool
from academy.reviews.assignment import AssignmentInfeasible
from academy.reviews.models import Assignment, ConflictKind, Review, ReviewSetup, Source
from tests import factories
from tests.reviews import builders

pytestmark = pytest.mark.django_db


def active_pairs(edition):
    return set(Assignment.objects.filter(edition=edition, removed=False).values_list("reviewer_id", "application_id"))


@pytest.fixture
def six(review_edition):
    """Six applications from six organisations, four reviewers; the first reviewer works for the first
    application's organisation."""
    apps = [builders.application(review_edition, country=c) for c in ["DE", "FR", "PT", "DE", "IT", "ES"]]
    reviewers = [builders.reviewer(review_edition, organisation=apps[0].organisation)]
    reviewers += [builders.reviewer(review_edition) for _ in range(3)]
    return review_edition, apps, reviewers


def test_every_application_gets_two_reviewers_without_conflict_and_even_loads(six):
    edition, apps, reviewers = six
    summary = assigning.run_assignment(edition)
    pairs = active_pairs(edition)
    assert Counter(a for _, a in pairs) == {a.pk: 2 for a in apps}
    assert (reviewers[0].pk, apps[0].pk) not in pairs, "never their own organisation's application"
    assert sorted(Counter(r for r, _ in pairs).values()) == [3, 3, 3, 3]
    assert summary.added == 12 and summary.max_load == 3
    assert AuditEntry.objects.filter(action="reviews.assigned", edition=edition).exists()


def test_ineligible_withdrawn_and_draft_applications_are_not_assigned(six):
    edition, apps, _ = six
    left_out = [
        builders.application(edition, eligible=False),
        builders.application(edition, status=Status.WITHDRAWN),
        builders.application(edition, status=Status.DRAFT),
    ]
    assigning.run_assignment(edition)
    assert not Assignment.objects.filter(application__in=left_out).exists()


def test_three_per_application_from_the_edition_settings(six):
    edition, apps, _ = six
    ReviewSetup.objects.create(edition=edition, reviewers_per_application=3)
    assigning.run_assignment(edition)
    assert set(Counter(a for _, a in active_pairs(edition)).values()) == {3}


def test_a_rerun_keeps_manual_changes_and_never_brings_back_a_removed_pair(six):
    edition, apps, reviewers = six
    assigning.run_assignment(edition)
    removed = Assignment.objects.filter(edition=edition).exclude(reviewer=reviewers[0]).first()
    assigning.remove_assignment(removed, by=None)
    target = next(a for a in apps if (reviewers[0].pk, a.pk) not in active_pairs(edition) and a != apps[0])
    manual = assigning.add_reviewer(target, reviewers[0], by=None)
    for _ in range(2):
        assigning.run_assignment(edition)
        pairs = active_pairs(edition)
        assert (manual.reviewer_id, manual.application_id) in pairs
        assert (removed.reviewer_id, removed.application_id) not in pairs
        assert Assignment.objects.get(pk=removed.pk).removed, "the removed row stays as a memory"
    assert set(Counter(a for _, a in pairs).values()) == {2}, "the manual pair counts as one of the two"


def test_a_rerun_keeps_begun_reviews_and_changes_nothing_when_nothing_changed(six):
    edition, apps, _ = six
    assigning.run_assignment(edition)
    begun = Assignment.objects.filter(edition=edition).first()
    Review.objects.create(assignment=begun, scores={"1": 3})
    before = active_pairs(edition)
    summary = assigning.run_assignment(edition)
    assert active_pairs(edition) == before and summary.added == 0 and summary.kept == 1
    assert Assignment.objects.filter(pk=begun.pk).exists()


def test_a_conflict_declared_after_the_run_is_replaced_at_the_next_run(six):
    edition, apps, reviewers = six
    assigning.run_assignment(edition)
    fresh, scored = Assignment.objects.filter(edition=edition, reviewer=reviewers[1])[:2]
    Review.objects.create(assignment=scored, scores={"1": 3}, total=50)
    for row in (fresh, scored):
        pool.declare_conflict(
            edition, reviewers[1], kind=ConflictKind.APPLICATION, application=row.application, reason="My cousin"
        )
    summary = assigning.run_assignment(edition)
    pairs = active_pairs(edition)
    assert (fresh.reviewer_id, fresh.application_id) not in pairs and not Assignment.objects.filter(
        pk=fresh.pk
    ).exists()
    assert (scored.reviewer_id, scored.application_id) not in pairs and Assignment.objects.get(pk=scored.pk).removed
    assert set(Counter(a for _, a in pairs).values()) == {2} and summary.withdrawn == 1


def test_declared_organisation_and_country_conflicts_are_respected(six):
    edition, apps, reviewers = six
    pool.declare_conflict(
        edition, reviewers[1], kind=ConflictKind.ORGANISATION, organisation=apps[1].organisation, reason="Partner"
    )
    pool.declare_conflict(edition, reviewers[2], kind=ConflictKind.COUNTRY, country="DE", reason="I live there")
    assigning.run_assignment(edition)
    pairs = active_pairs(edition)
    assert (reviewers[1].pk, apps[1].pk) not in pairs
    assert not {(reviewers[2].pk, a.pk) for a in apps if a.organisation.country.code == "DE"} & pairs


def test_the_own_country_is_avoided_when_the_edition_asks(review_edition):
    apps = [builders.application(review_edition, country=c) for c in ["DE", "FR", "DE", "FR"]]
    german = builders.reviewer(review_edition, country="DE")
    builders.reviewer(review_edition, country="FR")
    builders.reviewer(review_edition, country="PT")
    ReviewSetup.objects.create(edition=review_edition, avoid_same_country=True, reviewers_per_application=1)
    assigning.run_assignment(review_edition)
    assert not {(german.pk, a.pk) for a in apps if a.organisation.country.code == "DE"} & active_pairs(review_edition)


def test_too_few_reviewers_says_which_application_lacks_them(review_edition):
    app = builders.application(review_edition)
    builders.reviewer(review_edition, organisation=app.organisation)
    builders.reviewer(review_edition)
    with pytest.raises(AssignmentInfeasible) as error:
        assigning.run_assignment(review_edition)
    assert error.value.message == f"Application {app.pk} has only 1 reviewer without a conflict; it needs 2."
    assert not Assignment.objects.exists()


def test_too_little_capacity_says_how_many_places_are_missing(review_edition):
    for _ in range(5):
        builders.application(review_edition)
    for _ in range(3):
        builders.reviewer(review_edition)
    with pytest.raises(AssignmentInfeasible, match=r"3 reviewers × 2 = 6 places for 5 applications × 2 = 10 reviews"):
        assigning.run_assignment(review_edition, max_load=2)
    assert not Assignment.objects.exists()


def test_no_reviewers_at_all_is_said_plainly(review_edition):
    builders.application(review_edition)
    with pytest.raises(AssignmentInfeasible, match="There are no reviewers yet"):
        assigning.run_assignment(review_edition)


def test_assignment_waits_for_the_deadline(review_edition):
    builders.application(review_edition)
    builders.reviewer(review_edition)
    with (
        time_machine.travel(builders.DURING_REVIEW.replace(month=10, day=1)),
        pytest.raises(AssignmentInfeasible, match="call is still open"),
    ):
        assigning.run_assignment(review_edition)


def test_a_manual_addition_with_a_conflict_is_refused_with_the_reason(six):
    edition, apps, reviewers = six
    with pytest.raises(assigning.AssignmentRefused, match="works for the applicant's organisation"):
        assigning.add_reviewer(apps[0], reviewers[0], by=None)
    outsider = factories.user()
    with pytest.raises(assigning.AssignmentRefused, match="not a reviewer of this edition"):
        assigning.add_reviewer(apps[1], outsider, by=None)
    assert not Assignment.objects.exists()


def test_an_organiser_can_put_back_a_pair_they_removed(six):
    edition, apps, reviewers = six
    row = Assignment.objects.create(edition=edition, reviewer=reviewers[1], application=apps[1], removed=True)
    assigning.add_reviewer(apps[1], reviewers[1], by=None)
    row.refresh_from_db()
    assert not row.removed and row.source == Source.MANUAL


def test_a_third_reviewer_is_the_least_loaded_one_without_conflict(six):
    edition, apps, reviewers = six
    assigning.run_assignment(edition)
    Assignment.objects.filter(edition=edition, reviewer=reviewers[3]).exclude(application=apps[0]).update(removed=True)
    on_app = {r for r, a in active_pairs(edition) if a == apps[0].pk}
    row = assigning.assign_third_reviewer(apps[0], by=None)
    assert row.source == Source.THIRD and row.reviewer_id not in on_app and row.reviewer_id != reviewers[0].pk


def test_a_third_reviewer_is_refused_when_nobody_can_take_it(review_edition):
    app = builders.application(review_edition)
    first, second = builders.reviewer(review_edition), builders.reviewer(review_edition)
    builders.reviewer(review_edition, organisation=app.organisation)
    Assignment.objects.create(edition=review_edition, reviewer=first, application=app)
    Assignment.objects.create(edition=review_edition, reviewer=second, application=app)
    with pytest.raises(assigning.AssignmentRefused, match="every other reviewer has a conflict"):
        assigning.assign_third_reviewer(app, by=None)
    assert Assignment.objects.count() == 2


def test_the_assign_command_prints_the_summary(six, capsys):
    edition, apps, _ = six
    call_command("assign", edition.slug, "--per-application", "3", "--max-load", "5")
    assert "3 reviewers for each of 6 applications: 18 new assignments" in capsys.readouterr().out
    assert Assignment.objects.count() == 18


def test_the_assign_command_says_why_it_cannot(six):
    edition, *_ = six
    with pytest.raises(CommandError, match=r"4 reviewers × 2 = 8 places for 6 applications × 2 = 12 reviews"):
        call_command("assign", edition.slug, "--max-load", "2")
    with pytest.raises(CommandError, match="There is no edition 'nope'"):
        call_command("assign", "nope")

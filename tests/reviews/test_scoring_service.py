"""Scoring on the server: the scale, the phase, completeness, the stored total, and the rubric lock."""

import pytest
import time_machine

from academy.accounts.models import AuditEntry
from academy.reviews import services
from academy.reviews.models import Assignment, Criterion, Review
from academy.reviews.scoring import weighted_total
from tests.reviews import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(review_edition):
    reviewer = builders.reviewer(review_edition)
    app = builders.application(review_edition)
    return Assignment.objects.create(edition=review_edition, reviewer=reviewer, application=app)


def criteria(edition):
    return list(Criterion.objects.filter(edition=edition))


def test_submitting_stores_the_weighted_total_of_the_rubric(assignment, during_review):
    edition = assignment.edition
    rubric = criteria(edition)
    data = {f"score-{c.pk}": str(v) for c, v in zip(rubric, [5, 4, 2, 1], strict=True)} | {"recommendation": "maybe"}
    review = services.submit_review(assignment, by=assignment.reviewer, data=data, criteria=rubric)
    expected = weighted_total(
        {str(c.pk): v for c, v in zip(rubric, [5, 4, 2, 1], strict=True)},
        [(str(c.pk), c.weight, c.scale_min, c.scale_max) for c in rubric],
    )
    review.refresh_from_db()
    assert review.total == pytest.approx(expected) and review.submitted_at is not None
    assert AuditEntry.objects.filter(action="review.submitted", object_id=str(review.pk)).exists()


def test_a_score_outside_the_scale_is_refused_and_nothing_changes(assignment, during_review):
    rubric = criteria(assignment.edition)
    services.save_scores(assignment, by=assignment.reviewer, data={f"score-{rubric[0].pk}": "3"}, criteria=rubric)
    with pytest.raises(services.ReviewRefused, match="must lie between 1 and 5"):
        services.save_scores(
            assignment,
            by=assignment.reviewer,
            data={f"score-{rubric[0].pk}": "6", f"score-{rubric[1].pk}": "2"},
            criteria=rubric,
        )
    assert Review.objects.get().scores == {str(rubric[0].pk): 3}


def test_a_score_that_is_not_a_whole_number_is_refused(assignment, during_review):
    rubric = criteria(assignment.edition)
    with pytest.raises(services.ReviewRefused, match="whole number"):
        services.save_scores(assignment, by=assignment.reviewer, data={f"score-{rubric[0].pk}": "4.5"}, criteria=rubric)
    assert not Review.objects.exists()


def test_an_incomplete_review_cannot_be_submitted_and_keeps_its_previous_state(assignment, during_review):
    rubric = criteria(assignment.edition)
    with pytest.raises(services.ReviewRefused, match="Give a score for: .*Contribution to peer learning"):
        services.submit_review(
            assignment,
            by=assignment.reviewer,
            data={f"score-{rubric[0].pk}": "4", "recommendation": "select"},
            criteria=rubric,
        )
    assert not Review.objects.exists(), "a refused submission saves nothing"


def test_scoring_after_the_review_phase_closed_is_refused(assignment):
    rubric = criteria(assignment.edition)
    with (
        time_machine.travel(builders.AFTER_REVIEW),
        pytest.raises(services.ReviewRefused, match="closed on 14 November 2022"),
    ):
        services.save_scores(
            assignment, by=assignment.reviewer, data=builders.scores_for(assignment.edition, 3), criteria=rubric
        )
    assert not Review.objects.exists()


def test_scoring_before_the_deadline_is_refused(assignment):
    with (
        time_machine.travel(builders.DURING_REVIEW.replace(month=10, day=20)),
        pytest.raises(services.ReviewRefused, match="opens after the application deadline"),
    ):
        services.save_scores(
            assignment,
            by=assignment.reviewer,
            data=builders.scores_for(assignment.edition, 3),
            criteria=criteria(assignment.edition),
        )


def test_the_last_evening_of_review_in_brussels_is_still_open(assignment):
    # 14 November 2022, 23:30 in Brussels is 22:30 UTC
    with time_machine.travel(builders.DURING_REVIEW.replace(day=14, hour=22, minute=30)):
        services.save_scores(
            assignment,
            by=assignment.reviewer,
            data=builders.scores_for(assignment.edition, 3),
            criteria=criteria(assignment.edition),
        )
    assert Review.objects.get().scores


def test_someone_else_cannot_score_the_assignment(assignment, during_review):
    intruder = builders.reviewer(assignment.edition)
    with pytest.raises(services.ReviewRefused, match="not assigned to you"):
        services.save_scores(
            assignment,
            by=intruder,
            data=builders.scores_for(assignment.edition, 3),
            criteria=criteria(assignment.edition),
        )


def test_a_submitted_review_that_changes_gets_a_new_total(assignment, during_review):
    rubric = criteria(assignment.edition)
    services.submit_review(
        assignment, by=assignment.reviewer, data=builders.scores_for(assignment.edition, 5), criteria=rubric
    )
    review = services.save_scores(
        assignment, by=assignment.reviewer, data={f"score-{rubric[0].pk}": "1"}, criteria=rubric
    )
    assert review.total < 100


def test_the_rubric_is_locked_once_the_first_score_is_given(assignment, during_review):
    edition = assignment.edition
    rubric = criteria(edition)
    services.save_scores(assignment, by=assignment.reviewer, data={"comment": "First impressions"}, criteria=rubric)
    assert not services.rubric_locked(edition), "a comment alone is not a score"
    services.save_scores(assignment, by=assignment.reviewer, data={f"score-{rubric[0].pk}": "2"}, criteria=rubric)
    assert services.rubric_locked(edition)
    rubric[0].weight = 10
    with pytest.raises(services.RubricLocked, match="started scoring"):
        services.save_criterion(rubric[0], by=None)
    with pytest.raises(services.RubricLocked):
        services.delete_criterion(rubric[1], by=None)
    with pytest.raises(services.RubricLocked):
        services.install_default_rubric(edition)
    assert Criterion.objects.get(pk=rubric[0].pk).weight == 3 and Criterion.objects.filter(edition=edition).count() == 4

"""The board's normalisation is kept per scores version: every write that can change the scores bumps the
version in its own transaction (database triggers, so bulk writes and queryset updates count too), a
rolled-back write leaves no version behind that could later name other data, and the board never shows
scores older than the reviews in the database."""

import pytest
from django.db import transaction

from academy.applications.models import Status
from academy.reviews import board, versioning
from academy.reviews.models import Assignment, Review
from tests.reviews import builders

pytestmark = pytest.mark.django_db


def submitted(assignment, total):
    return Review.objects.create(assignment=assignment, scores={}, total=total, submitted_at=builders.DURING_REVIEW)


@pytest.fixture
def two(review_edition):
    """Two applications, two reviewers on both, every review submitted."""
    edition = review_edition
    apps = [builders.application(edition, name=n) for n in ["Ana Alves", "Ben Brandt"]]
    people = [builders.reviewer(edition, full_name=n) for n in ["Hannes Harsh", "Lena Lenient"]]
    reviews = {}
    for person, totals in zip(people, [(40, 60), (70, 90)], strict=True):
        for app, total in zip(apps, totals, strict=True):
            assignment = Assignment.objects.create(edition=edition, reviewer=person, application=app)
            reviews[person.pk, app.pk] = submitted(assignment, total)
    return edition, apps, people, reviews


def mean_total(edition, app):
    return board.ranked(edition).normalisation.applications[app.pk].mean


def test_a_review_write_bumps_the_version_in_its_own_transaction(two):
    edition, apps, people, reviews = two
    before = versioning.current(edition)
    with transaction.atomic():
        reviews[people[0].pk, apps[0].pk].save()
        inside = versioning.current(edition)
    assert inside[0] == before[0] + 1 and inside[1] != before[1]
    assert versioning.current(edition) == inside


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda r, a: r.update(total=10), id="queryset update of a review"),
        pytest.param(lambda r, a: r.delete(), id="review deleted"),
        pytest.param(lambda r, a: a.update(removed=True), id="assignment removed"),
        pytest.param(lambda r, a: a.delete(), id="assignment deleted"),
    ],
)
def test_every_kind_of_review_write_bumps_the_version(two, write):
    edition, apps, people, _ = two
    before = versioning.current(edition)[0]
    write(Review.objects.filter(assignment__application=apps[0]), Assignment.objects.filter(application=apps[0]))
    assert versioning.current(edition)[0] > before


def test_bulk_created_reviews_bump_the_version(review_edition):
    edition = review_edition
    app, person = builders.application(edition), builders.reviewer(edition)
    assignment = Assignment.objects.create(edition=edition, reviewer=person, application=app)
    before = versioning.current(edition)[0]
    Review.objects.bulk_create([Review(assignment=assignment, total=50, submitted_at=builders.DURING_REVIEW)])
    assert versioning.current(edition)[0] == before + 1


def test_an_assigned_application_leaving_review_bumps_the_version(two):
    edition, apps, _, _ = two
    before = versioning.current(edition)[0]
    apps[0].status = Status.WITHDRAWN
    apps[0].save()
    assert versioning.current(edition)[0] == before + 1
    apps[0].save()  # nothing that decides the scope changed
    assert versioning.current(edition)[0] == before + 1


def test_a_submission_without_assignments_leaves_the_version_alone(review_edition):
    edition = review_edition
    application = builders.application(edition)
    before = versioning.current(edition)
    application.status = Status.WITHDRAWN
    application.save()
    assert versioning.current(edition) == before


def test_the_board_shows_a_changed_score_at_once(two):
    edition, apps, people, reviews = two
    assert mean_total(edition, apps[0]) == 55
    Review.objects.filter(pk=reviews[people[0].pk, apps[0].pk].pk).update(total=20)  # no save(), no signal
    assert mean_total(edition, apps[0]) == 45


def test_the_kept_ranking_is_the_one_computed_afresh(two):
    edition, apps, people, reviews = two
    kept = board.ranked(edition)
    assert board.ranked(edition).normalisation is kept.normalisation  # computed once per version
    board.forget()
    assert board.ranked(edition).normalisation == kept.normalisation


def test_a_rolled_back_write_never_shows_and_its_version_never_comes_back(two):
    edition, apps, people, reviews = two
    review = reviews[people[0].pk, apps[0].pk]
    assert mean_total(edition, apps[0]) == 55
    with pytest.raises(RuntimeError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(total=0)
        rolled_back = versioning.current(edition)
        assert mean_total(edition, apps[0]) == 35  # seen inside the transaction, and kept under its version
        raise RuntimeError("the request failed")
    assert mean_total(edition, apps[0]) == 55
    Review.objects.filter(pk=review.pk).update(total=100)  # the next real write reaches the same number
    now = versioning.current(edition)
    assert now[0] == rolled_back[0] and now != rolled_back
    assert mean_total(edition, apps[0]) == 85


def test_progress_per_reviewer_follows_a_draft_at_once(two):
    edition, apps, people, _ = two
    third = builders.application(edition, name="Cem Celik")
    assert {p.pk: p.assigned for p in board.reviewer_progress(edition)}[people[0].pk] == 2
    assignment = Assignment.objects.create(edition=edition, reviewer=people[0], application=third)
    progress = {p.pk: p for p in board.reviewer_progress(edition)}[people[0].pk]
    assert (progress.assigned, progress.begun) == (3, 2)
    Review.objects.create(assignment=assignment, scores={}, total=None)
    assert {p.pk: p.begun for p in board.reviewer_progress(edition)}[people[0].pk] == 3


def test_the_version_is_read_before_the_reviews(two, monkeypatch):
    """What is kept under a version may be newer than it, never older: a write landing between the two reads
    is kept under the version before it, and the next reader, who sees the new version, computes afresh."""
    edition, apps, people, reviews = two
    board.forget()
    order = []
    real_current, real_aggregate = versioning.current, board.aggregate
    monkeypatch.setattr(versioning, "current", lambda e, *also: order.append("version") or real_current(e, *also))
    monkeypatch.setattr(board, "aggregate", lambda e: order.append("reviews") or real_aggregate(e))
    board.ranked(edition)
    assert order == ["version", "reviews"]

"""The dashboard's figures, computed by plain functions and checked against data built for them."""

import datetime as dt

import pytest

from academy.applications.models import Application, Status
from academy.completion.services import grant_exception
from academy.reports import metrics
from tests import factories
from tests.reports import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    made = factories.edition(deadline=dt.date(2022, 10, 31))
    builders.structure(made)
    builders.people(made, 20)  # two rounds of builders.CYCLE
    return made


def test_funnel_counts_each_stage_as_a_subset_of_the_one_before(edition):
    stages, withdrawn = metrics.funnel(edition)
    counts = {stage.key: stage.count for stage in stages}
    # Per round of 10: 2 drafts (one saved), 1 withdrawn, 7 submitted; i % 7 == 3 is ineligible (i = 3, 10, 17:
    # 10 is a draft, 3 and 17 are submitted); every 4th submitted one has no submitted review.
    assert counts["registered"] == 20
    assert counts["drafts"] == 18  # 2 never-saved drafts (i = 0, 10) are left out
    assert counts["submitted"] == 14 and withdrawn == 2
    assert counts["eligible"] == 12
    reviewed = [
        i for i in range(20) if builders.CYCLE[i % 10] not in (Status.DRAFT, Status.WITHDRAWN) and i % 7 != 3 and i % 4
    ]
    assert counts["reviewed"] == len(reviewed)
    assert counts["offered"] == 8 and counts["confirmed"] == 4
    assert counts["completed"] == 0  # no programme yet: nobody has been present at its days
    values = list(counts.values())
    assert values == sorted(values, reverse=True)


def test_completed_counts_the_participants_let_through_by_an_exception(edition):
    confirmed = Application.objects.filter(edition=edition, status=Status.CONFIRMED).first()
    grant_exception(confirmed, reason="ill on one day, caught up", by=factories.user())
    assert metrics.completed_count(edition) == 1


def test_applications_per_day_runs_from_call_opening_to_deadline_in_the_editions_zone(edition):
    days = metrics.applications_per_day(edition)
    assert days[0].day == edition.call_opens and days[-1].day == edition.application_deadline
    assert days[-1].total == 14 and sum(d.new for d in days) == 14
    assert all(b.total == a.total + b.new for a, b in zip(days, days[1:], strict=False))


def test_a_submission_late_in_the_evening_counts_on_that_day_in_the_editions_zone():
    edition = factories.edition(deadline=dt.date(2022, 10, 31), time_zone="Europe/Brussels")
    builders.structure(edition)
    app = builders.people(edition, 4)[3]  # submitted
    # 23:30 in Brussels on 20 October is 21:30 UTC: the same day there, whatever the server's zone.
    when = dt.datetime(2022, 10, 20, 21, 30, tzinfo=dt.UTC)
    app.versions.update(submitted_at=when)
    days = {d.day: d.new for d in metrics.applications_per_day(edition)}
    assert days[dt.date(2022, 10, 20)] == 1 and days.get(dt.date(2022, 10, 21), 0) == 0


def test_an_open_call_runs_up_to_today():
    edition = factories.edition(deadline=dt.date(2022, 10, 31))
    today = edition.call_opens + dt.timedelta(days=3)
    days = metrics.applications_per_day(edition, today=today)
    assert days[-1].day == today and days[-1].total == 0


def test_countries_count_applicants_and_cohort(edition):
    rows = {s.label: (s.applicants, s.cohort) for s in metrics.by_country(edition)}
    submitted = Application.objects.filter(edition=edition, status__in=metrics.SUBMITTED_STATES)
    assert sum(a for a, _ in rows.values()) == submitted.count() == 14
    assert sum(c for _, c in rows.values()) == 4
    portugal = submitted.filter(organisation__country="PT")
    assert rows["Portugal"] == (portugal.count(), portugal.filter(status=Status.CONFIRMED).count())


def test_ecosystems_count_each_organisation_in_each_of_its_ecosystems(edition):
    rows = metrics.by_ecosystem(edition)
    assert len(rows) == 3  # builders give ecosystems 0–1 or 1–2 of the first four
    assert sum(s.applicants for s in rows) == 2 * 14


def test_experience_and_background_follow_the_latest_submitted_answers_in_choice_order(edition):
    app = Application.objects.filter(edition=edition, status=Status.CONFIRMED).first()
    app.answers = {"experience": "changed in the draft"}
    app.save()  # the draft changed after submitting: the submitted version counts
    result = metrics.by_answers(edition)
    experience = result["experience"]
    assert [s.label for s in experience] == [b for b in builders.EXPERIENCE if b in {s.label for s in experience}]
    assert sum(s.applicants for s in experience) == 14 and sum(s.cohort for s in experience) == 4
    assert sum(s.applicants for s in result["background"]) == 14


def test_review_progress_per_reviewer(edition):
    (row,) = metrics.review_progress(edition)
    reviewed_once = [i for i in range(20) if builders.CYCLE[i % 10] != Status.DRAFT]  # withdrawn ones too
    assert row.assigned == len(reviewed_once) == 16
    assert row.left == len([i for i in reviewed_once if i % 4 == 0]) and row.submitted == 16 - row.left


def test_attendance_and_homework_rates_are_shares_of_the_cohort(edition):
    rates = metrics.attendance_rates(edition, 4)
    assert [r.of for r in rates] == [4, 4, 4]
    assert rates[0].done == 4 and rates[0].percent == 100  # everyone attends the first session
    homework = metrics.homework_rates(edition, 4)
    confirmed = [i for i in range(20) if builders.CYCLE[i % 10] == Status.CONFIRMED]
    assert homework[0].done == len([i for i in confirmed if i % 3])


def test_survey_summary_gives_answer_rate_and_average_rating(edition):
    (summary,) = metrics.survey_summaries(edition, 4)
    assert (summary.answered, summary.of, summary.percent) == (4, 4, 100)
    confirmed = [i for i in range(20) if builders.CYCLE[i % 10] == Status.CONFIRMED]
    expected = round(sum(1 + i % 5 for i in confirmed) / 4, 1)
    assert summary.ratings == [("How useful was it?", expected, 4)]


def test_an_empty_edition_has_zeroes_not_errors():
    edition = factories.edition()
    stages, withdrawn = metrics.funnel(edition)
    assert [s.count for s in stages][:7] == [0] * 7 and withdrawn == 0
    assert metrics.by_country(edition) == [] and metrics.by_answers(edition) == {}
    assert metrics.review_progress(edition) == [] and metrics.survey_summaries(edition, 0) == []


def test_a_resubmitted_application_counts_once_with_its_latest_answers(edition):
    app = Application.objects.filter(edition=edition, status=Status.SUBMITTED).first()
    first = app.versions.get().answers["experience"]
    latest = next(band for band in builders.EXPERIENCE if band != first)
    app.versions.create(number=2, answers={"experience": latest}, submitted_at=app.submitted_at)
    before = {s.label: s.applicants for s in metrics.by_answers(edition)["experience"]}
    assert sum(before.values()) == 14
    app.versions.filter(number=2).delete()
    after = {s.label: s.applicants for s in metrics.by_answers(edition)["experience"]}
    assert before[latest] == after.get(latest, 0) + 1 and before.get(first, 0) == after[first] - 1

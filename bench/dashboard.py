"""The organiser's dashboard at 5,000 applications: server time and SQL queries of /orga/<slug>/ with every
chart filled (the funnel, applications per day, countries, ecosystems, experience, background, reviews of
150 reviewers, a cohort of 40 with attendance, homework and a survey), and of each figure on its own.

    python -m bench dashboard
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME python -m bench dashboard

The database, the measurement and the calibration are those of bench/applications_list.py: a temporary SQLite
file (WAL) without DATABASE_URL, a throw-away test database beside NAME with a PostgreSQL URL."""

import datetime as dt
import statistics
import time

from bench import applications_list as base
from bench._timing import calibrate, measure, scale

APPLICATIONS, REVIEWERS, COHORT = scale(5000, 70), scale(150, 4), scale(40, 8)
REPEAT = scale(10, 1)


def _answers(i):
    from tests.reports.builders import BACKGROUNDS, EXPERIENCE

    return {"motivation": f"Reason {i}", "experience": EXPERIENCE[i % 4], "background": BACKGROUNDS[i % 5]}


def _seed():
    from django.utils import timezone
    from tests import factories
    from tests.applications import screening_factories as sf
    from tests.reports import builders

    from academy.accounts.models import Role
    from academy.applications.models import Application, Status
    from academy.participation.models import HandIn, SurveyRespondent, SurveyResponse
    from academy.programme.models import Attendance
    from academy.reviews.models import Assignment, Review

    today = timezone.localdate()
    edition = factories.edition(deadline=today + dt.timedelta(days=3))
    builders.structure(edition)
    statuses = (Status.SUBMITTED,) * 4 + (Status.DRAFT, Status.WITHDRAWN, Status.NOT_SELECTED)
    apps = sf.many_applications(edition, APPLICATIONS, statuses=statuses, answers=_answers)
    submitted = [a for a in apps if a.status == Status.SUBMITTED]
    cohort = submitted[:: len(submitted) // COHORT][:COHORT]
    Application.objects.filter(pk__in=[a.pk for a in cohort]).update(status=Status.CONFIRMED)
    reviewers = [factories.with_role(Role.REVIEWER, edition) for _ in range(REVIEWERS)]
    assignments = Assignment.objects.bulk_create(
        Assignment(edition=edition, reviewer=reviewers[(i + k) % REVIEWERS], application=a)
        for i, a in enumerate(a for a in apps if a.submitted_at)
        for k in range(2)
    )
    now = timezone.now()
    Review.objects.bulk_create(
        Review(assignment=x, total=40 + i % 60, submitted_at=now) for i, x in enumerate(assignments) if i % 3
    )
    sessions = list(edition.sessions.all())
    Attendance.objects.bulk_create(
        Attendance(session=s, application=a, present=(i + k) % 6 != 0)
        for i, a in enumerate(cohort)
        for k, s in enumerate(sessions)
    )
    homework, survey = edition.assignments.get(), edition.surveys.get()
    HandIn.objects.bulk_create(
        HandIn(assignment=homework, application=a, text="Done", submitted_at=now, first_submitted_at=now)
        for i, a in enumerate(cohort)
        if i % 4
    )
    rating = survey.questions.get(kind="rating")
    SurveyRespondent.objects.bulk_create(SurveyRespondent(survey=survey, application=a) for a in cohort[:30])
    SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, application=a, answers={rating.key: 1 + i % 5}) for i, a in enumerate(cohort[:30])
    )
    return edition, factories.with_role(Role.ORGANISER, edition)


def _figures(edition):
    """CPU time of each figure on its own: where the page's time goes."""
    from django.utils import timezone

    from academy.reports import metrics

    today = timezone.localdate()
    for label, figure in [
        ("funnel", lambda: metrics.funnel(edition)),
        ("applications per day", lambda: metrics.applications_per_day(edition, today=today)),
        ("by country", lambda: metrics.by_country(edition)),
        ("by ecosystem", lambda: metrics.by_ecosystem(edition)),
        ("experience and background (answers)", lambda: metrics.by_answers(edition)),
        ("review progress, 150 reviewers", lambda: metrics.review_progress(edition)),
        ("attendance, homework, surveys", lambda: (
            metrics.attendance_rates(edition, COHORT),
            metrics.homework_rates(edition, COHORT),
            metrics.survey_summaries(edition, COHORT),
        )),
    ]:  # fmt: skip
        walls = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            figure()
            walls.append((time.perf_counter() - start) * 1000)
        print(f"  {label:<38} wall median {statistics.median(walls):7.1f} ms")


def _run():
    from django.db import connection
    from django.test import Client

    start = time.perf_counter()
    edition, organiser = _seed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{connection.vendor}: seeded {APPLICATIONS} applications in {time.perf_counter() - start:.1f} s")
    print(f"calibration: 3 million Python additions took {calibrate():.0f} ms of CPU")
    client = Client()
    client.force_login(organiser)
    measure(client, "dashboard, 5,000 applications", f"/orga/{edition.slug}/", repeat=REPEAT)
    _figures(edition)


def main():
    base.main(run=_run)


if __name__ == "__main__":
    main()

"""Participation pages at a real cohort (40) and at ten times that (400): server time and SQL queries of the
participant's homework pages, the coach's review list, the organiser's homework matrix and exports, the needs
summary and the survey results; then the time to check and store a 9 MB homework file.

    python -m bench participation_pages
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME python -m bench participation_pages

Without DATABASE_URL (or with an SQLite one) the data goes to a temporary SQLite file; with a PostgreSQL URL
it goes to a throw-away test database beside NAME, created and dropped here. Times are measured around
Django's test client (middleware, view, template, whole body); the CPU time is this process's, which with
SQLite is the server's whole work and stays meaningful when other programs share the cores."""

import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench._database import migrate
from bench._timing import calibrate, measure, scale

COHORTS = scale((40, 400), (5,))
ASSIGNMENTS = 6
REPEAT = scale(15, 1)


def _configure():
    root = Path(__file__).resolve().parents[1]
    sys.path[:0] = [str(root / "src"), str(root)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "academy.settings.test"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-participation-')}/bench.sqlite3"
    import django

    django.setup()


def _seed(n):
    from tests import factories
    from tests.participation import helpers

    from academy.applications.models import Application, Status
    from academy.participation import info
    from academy.participation.models import Feedback, HandIn, SurveyRespondent, SurveyResponse

    edition = factories.edition()
    coach = helpers.coach(edition)
    organiser = factories.with_role("organiser", edition)
    cohort = [
        Application.objects.create(
            edition=edition, applicant=factories.user(full_name=f"Participant {i:04}"), status=Status.CONFIRMED
        )
        for i in range(n)
    ]
    works = [helpers.assignment(edition, title=f"Task {k}", reviewer=coach) for k in range(ASSIGNMENTS)]
    when = edition.end_of(dt.date(2023, 1, 20))
    hand_ins = HandIn.objects.bulk_create(
        HandIn(assignment=w, application=a, text="An answer " * 80, submitted_at=when, first_submitted_at=when)
        for i, a in enumerate(cohort)
        for k, w in enumerate(works)
        if (i + k) % 5
    )
    Feedback.objects.bulk_create(
        Feedback(hand_in=h, coach=coach, text="Feedback " * 40, on_version=1) for h in hand_ins[::2]
    )
    for i, a in enumerate(cohort):
        info.record_needs(a, dietary=["none", "vegan", "vegetarian", "other"][i % 4], dietary_notes="No nuts")
    survey = helpers.survey(edition, opens_at=when)
    keys = [q.key for q in survey.questions.all()]
    answered = cohort[: n * 3 // 4]
    SurveyRespondent.objects.bulk_create(SurveyRespondent(survey=survey, application=a) for a in answered)
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            survey=survey,
            application=a,
            answers={keys[0]: 1 + i % 5, keys[1]: "Yes", keys[2]: ["Strategy"], keys[3]: "Text " * 20},
        )
        for i, a in enumerate(answered)
    )
    return edition, cohort[0], coach, organiser, works[0], survey


def _run(n):
    from django.test import Client

    start = time.perf_counter()
    edition, participant, coach, organiser, work, survey = _seed(n)
    print(f"{n} participants × {ASSIGNMENTS} assignments (seeded in {time.perf_counter() - start:.1f} s)")
    client, me, orga = Client(), f"/me/editions/{edition.slug}/", f"/orga/{edition.slug}/"

    def page(label, path, repeat=REPEAT):
        measure(client, f"  {label}", path, repeat=repeat, width=32)

    client.force_login(participant.applicant)
    page("participant: homework list", f"{me}homework/")
    page("participant: one assignment", f"{me}homework/{work.pk}/")
    client.force_login(coach)
    page("coach: hand-ins, page of 50", f"/coach/{edition.slug}/homework/")
    client.force_login(organiser)
    page("organiser: homework matrix", f"{orga}homework/")
    page("organiser: homework CSV", f"{orga}homework.csv")
    page("organiser: homework XLSX", f"{orga}homework.xlsx", repeat=5)
    page("organiser: needs summary", f"{orga}needs/")
    page("organiser: survey results", f"{orga}surveys/{survey.pk}/results/")
    page("organiser: survey CSV", f"{orga}surveys/{survey.pk}/results.csv")


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from academy.participation import uploads

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for k in range(scale(200, 5)):
            archive.writestr(f"ppt/slides/slide{k}.xml", os.urandom(45_000))
    content = buffer.getvalue()
    times = []
    for _ in range(REPEAT):
        upload = SimpleUploadedFile("deck.pptx", content)
        start = time.perf_counter()
        name = uploads.store(uploads.check(upload), "bench")
        times.append((time.perf_counter() - start) * 1000)
        uploads.delete_quietly(name)
    print(f"check by content + store, {len(content) / 1e6:.1f} MB PPTX: median {statistics.median(times):.1f} ms")


def main():
    _configure()
    from django.db import connection

    def run_all():
        for n in COHORTS:
            _run(n)
        _upload()

    print(f"database: {connection.vendor}; calibration: 3 million Python additions took {calibrate():.0f} ms of CPU")
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            run_all()
        finally:
            connection.creation.destroy_test_db(name, verbosity=0)
    else:
        migrate()
        run_all()


if __name__ == "__main__":
    main()

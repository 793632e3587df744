"""The review pages at full scale: 5,000 submitted eligible applications, 150 reviewers, 3 reviews each.

Builds a temporary SQLite database (or fills the empty database named by BENCH_DATABASE_URL), runs the automatic
assignment through the database layer (and again, when every review has begun), submits every review, then
times through Django's test client: the organisers' review board (first page, a late page, flagged only),
the reviewer's queue and scoring page, the CSV export and the API rows. Prints median and p95 server times
and the number of SQL queries per page.

    .venv/bin/python -m bench review_board
"""

import datetime as dt
import os
import random
import statistics
import tempfile
import time

from bench._database import migrate
from bench._timing import scale

APPLICATIONS, REVIEWERS, PER_APPLICATION, MAX_LOAD = scale(5_000, 60), scale(150, 12), 3, scale(110, 30)
ORGANISATIONS, COUNTRIES, DECLARED = scale(2_500, 40), 36, scale(300, 5)
REPEAT = scale(15, 1)


def _django():
    """A temporary SQLite file, or the empty database named by BENCH_DATABASE_URL (e.g. PostgreSQL)."""
    folder = tempfile.mkdtemp(prefix="bench-review-")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings.test")
    import django

    django.setup()
    from django.conf import settings

    from academy.editions.models import Edition

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host; no test
    # environment, whose instrumented template rendering would add to the times
    migrate()
    if Edition.objects.exists():
        raise SystemExit("The benchmark needs an empty database: BENCH_DATABASE_URL names one with editions in it.")


def build(rng):
    from django.contrib.auth.hashers import make_password

    from academy.accounts.models import EditionRole, Role, User
    from academy.applications.models import Application, Question, QuestionType, SubmittedVersion
    from academy.editions.models import Academy, Edition
    from academy.registry.models import ClusterOrganisation
    from academy.reviews.models import Conflict, ConflictKind, Reviewer, ReviewSetup
    from academy.reviews.services import install_default_rubric

    academy = Academy.objects.create(name="Bench Academy", slug="bench")
    edition = Edition.objects.create(
        academy=academy, name="Bench 2022", slug="bench-2022", year=2022, contact_email="e@example.org",
        call_opens=dt.date(2022, 9, 26), application_deadline=dt.date(2022, 10, 31),
        review_closes=dt.date(2022, 11, 14), online_start=dt.date(2022, 12, 1), online_end=dt.date(2022, 12, 2),
        in_person_start=dt.date(2023, 3, 2), in_person_end=dt.date(2023, 3, 3),
    )  # fmt: skip
    Question.objects.bulk_create(
        [
            Question(edition=edition, key="motivation", label="Why?", type=QuestionType.LONG_TEXT, position=1),
            Question(edition=edition, key="expectations", label="What?", type=QuestionType.LONG_TEXT, position=2),
        ]
    )
    install_default_rubric(edition)
    ReviewSetup.objects.create(
        edition=edition, reviewers_per_application=PER_APPLICATION, max_load=MAX_LOAD, avoid_same_country=True
    )
    countries = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
                 "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "NO", "AL", "BA", "MK",
                 "ME", "RS", "TR", "UA"][:COUNTRIES]  # fmt: skip
    weights = [1.0 / (1 + i / 6) for i in range(len(countries))]
    ClusterOrganisation.objects.bulk_create(
        [
            ClusterOrganisation(registry_id=f"B-{i}", name=f"Cluster {i}", country=rng.choices(countries, weights)[0])
            for i in range(ORGANISATIONS)
        ],
        batch_size=1000,
    )
    organisations = list(ClusterOrganisation.objects.values_list("pk", "country"))
    password = make_password("bench-password-123")
    people = [(f"applicant{i}", f"Applicant {i}") for i in range(APPLICATIONS)]
    people += [(f"reviewer{j}", f"Reviewer {j}") for j in range(REVIEWERS)] + [("organiser", "Olga Organiser")]
    User.objects.bulk_create(
        [User(email=f"{local}@example.org", full_name=name, password=password) for local, name in people],
        batch_size=1000,
    )
    users = dict(User.objects.values_list("email", "pk"))
    submitted = dt.datetime(2022, 10, 30, 12, tzinfo=dt.UTC)
    Application.objects.bulk_create(
        [
            Application(
                edition=edition, applicant_id=users[f"applicant{i}@example.org"],
                organisation_id=rng.choice(organisations)[0], status="submitted", is_eligible=True,
                answers={"motivation": f"Motivation {i} " * 20, "expectations": "Peer learning."},
                submitted_at=submitted,
            )
            for i in range(APPLICATIONS)
        ],
        batch_size=1000,
    )  # fmt: skip
    apps = list(Application.objects.filter(edition=edition).values_list("pk", "answers"))
    SubmittedVersion.objects.bulk_create(
        [SubmittedVersion(application_id=pk, number=1, answers=a, submitted_at=submitted) for pk, a in apps],
        batch_size=1000,
    )
    reviewer_ids = [users[f"reviewer{j}@example.org"] for j in range(REVIEWERS)]
    EditionRole.objects.bulk_create(
        [EditionRole(user_id=u, edition=edition, role=Role.REVIEWER) for u in reviewer_ids]
        + [EditionRole(user_id=users["organiser@example.org"], edition=edition, role=Role.ORGANISER)]
    )
    profiles = []
    for j, uid in enumerate(reviewer_ids):
        org, country = rng.choice(organisations) if rng.random() < 0.6 else (None, rng.choice(countries))
        profiles.append(
            Reviewer(edition=edition, email=f"reviewer{j}@example.org", user_id=uid, organisation_id=org,
                     country=country, token_hash=f"{j:064d}", invited_at=submitted, accepted_at=submitted)
        )  # fmt: skip
    Reviewer.objects.bulk_create(profiles)
    pairs = {(rng.choice(reviewer_ids), rng.choice(apps)[0]) for _ in range(DECLARED)}
    Conflict.objects.bulk_create(
        [
            Conflict(edition=edition, reviewer_id=r, kind=ConflictKind.APPLICATION, application_id=a, reason="Known")
            for r, a in pairs
        ]
    )
    return edition, users["organiser@example.org"], reviewer_ids


def submit_all(edition, rng):
    from academy.reviews.models import Assignment, Review
    from academy.reviews.scoring import weighted_total
    from academy.reviews.services import core_criteria

    criteria = list(edition.criteria.all())
    rubric = core_criteria(criteria)
    bias, quality = {}, {}
    reviews = []
    for pk, reviewer, application in Assignment.objects.filter(edition=edition).values_list(
        "pk", "reviewer_id", "application_id"
    ):
        level = 3 + bias.setdefault(reviewer, rng.gauss(0, 0.5)) + quality.setdefault(application, rng.gauss(0, 0.8))
        scores = {str(c.pk): max(1, min(5, round(level + rng.gauss(0, 0.5)))) for c in criteria}
        reviews.append(
            Review(assignment_id=pk, scores=scores, total=weighted_total(scores, rubric), recommendation="maybe",
                   submitted_at=dt.datetime(2022, 11, 5, tzinfo=dt.UTC))
        )  # fmt: skip
    Review.objects.bulk_create(reviews, batch_size=1000)
    return len(reviews)


def timed(client, url, repeat=REPEAT):
    """(median ms, p95 ms, median CPU ms, queries, bytes) of GET ``url``. The CPU time of this process (the
    test client, Django and SQLite all run in it) is what the request costs on an idle core; the wall time
    also holds the wait for a core on a busy machine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)  # now: the next request empties the log it reads
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu), count, len(content)


def main():
    _django()
    from django.db import connection
    from django.test import Client

    from academy.accounts.models import User
    from academy.reviews import board, queries
    from academy.reviews.assigning import run_assignment
    from academy.reviews.models import Assignment

    rng = random.Random(2022)
    started = time.perf_counter()
    edition, organiser, reviewer_ids = build(rng)
    built = time.perf_counter() - started
    print(f"{connection.vendor}: {APPLICATIONS} applications, {REVIEWERS} reviewers built in {built:.1f} s")

    started = time.perf_counter()
    summary = run_assignment(edition)
    print(
        f"assignment run: {time.perf_counter() - started:.2f} s in all (solver {summary.seconds:.2f} s); "
        + summary.message()
    )
    reviews = submit_all(edition, rng)
    started = time.perf_counter()
    again = run_assignment(edition)
    print(
        f"re-run with every review begun: {time.perf_counter() - started:.2f} s, {again.added} added, {again.kept} kept"
    )

    client = Client()
    client.force_login(User.objects.get(pk=organiser))
    slug = edition.slug
    busiest = Assignment.objects.filter(reviewer_id=reviewer_ids[0]).values_list("application_id", flat=True)
    print(f"{reviews} submitted reviews; {len(board.aggregate(edition).flagged())} applications flagged")
    pages = [
        ("review board, first page of 50", f"/orga/{slug}/reviews/"),
        ("review board, page 60 of 100", f"/orga/{slug}/reviews/?page={scale(60, 1)}"),
        ("review board, flagged only", f"/orga/{slug}/reviews/?flagged=1"),
        (f"export CSV ({APPLICATIONS} rows)", f"/orga/{slug}/reviews/export.csv"),
        ("application detail (organiser)", f"/orga/{slug}/reviews/applications/{busiest[0]}/"),
    ]
    for label, url in pages:
        report(label, *timed(client, url))
    client.force_login(User.objects.get(pk=reviewer_ids[0]))
    for label, url in [
        (f"reviewer queue ({len(busiest)} applications)", f"/review/{slug}/"),
        ("scoring page", f"/review/{slug}/{busiest[0]}/"),
    ]:
        report(label, *timed(client, url))
    times, cpu = [], []
    for _ in range(5):
        started, started_cpu = time.perf_counter(), time.process_time()
        rows = queries.review_rows(edition)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    print(f"  {f'API rows (review_rows, {len(rows)} dicts)':<34} median {statistics.median(times):7.1f} ms", end="")
    print(f"{'':20}CPU {statistics.median(cpu):6.1f} ms")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times include waiting for a core)")


def report(label, median, p95, cpu, count, size):
    print(
        f"  {label:<34} median {median:7.1f} ms  p95 {p95:7.1f} ms  CPU {cpu:6.1f} ms"
        f"  {count:3d} queries  {size / 1024:5.0f} KiB"
    )


if __name__ == "__main__":
    main()

"""Organiser screening at 5,000 applications: server time of the list page, a filtered list, a search, a deep
page, the detail page, the CSV and XLSX exports and the API page, with the number of SQL queries of each.

    python -m bench applications_list
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME python -m bench applications_list

Without DATABASE_URL (or with an SQLite one) the data goes to a temporary SQLite file (WAL, as in production);
with a PostgreSQL URL it goes to a throw-away test database beside NAME, created and dropped here.
Server time is measured around Django's test client (middleware, view, template, the whole streamed body);
budgets from DESIGN.md: a list of 50 and filters < 15 ms, 250 rows < 60 ms, detail < 8 ms, CSV of all < 150 ms,
XLSX of all < 500 ms.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench._database import migrate
from bench._timing import calibrate, measure, scale

APPLICATIONS = scale(5000, 30)
WORDS = [
    "cluster",
    "members",
    "innovation",
    "services",
    "regional",
    "smart",
    "specialisation",
    "internationalisation",
    "green",
    "digital",
]


def _configure():
    """Settings for a throw-away database; returns the temporary folder to remove afterwards (or None)."""
    root = Path(__file__).resolve().parents[1]
    sys.path[:0] = [str(root / "src"), str(root)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "academy.settings.test"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    folder = None
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        folder = tempfile.mkdtemp(prefix="bench-screening-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    return folder


def _answers(i):
    from tests.applications.screening_factories import EXPERIENCE

    text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(160))  # ~1,300 characters
    return {
        "motivation": text,
        "experience": EXPERIENCE[i % 3],
        "ecosystems": ["Digital", "Health"][: 1 + i % 2],
        "cv": {"name": f"cv-{i}.pdf"},
        **{f"extra_{k}": f"Answer {k} of applicant {i}" for k in range(6)},
    }


def _seed():
    from tests import factories
    from tests.applications import screening_factories as sf

    from academy.accounts.models import Role
    from academy.applications.models import Question, QuestionType
    from academy.registry.models import RegisteredPerson, RegistryRole

    edition = factories.edition()
    sf.questions(edition)
    Question.objects.bulk_create(
        Question(
            edition=edition,
            key=f"extra_{k}",
            label=f"Extra question {k}",
            type=QuestionType.SHORT_TEXT,
            position=10 + k,
        )
        for k in range(6)
    )
    apps = sf.many_applications(edition, APPLICATIONS, answers=_answers)
    RegisteredPerson.objects.bulk_create(
        RegisteredPerson(organisation=app.organisation, email=app.applicant.email, name="P", role=RegistryRole.MANAGER)
        for app in apps
    )
    return edition, factories.with_role(Role.ORGANISER, edition), apps[len(apps) // 2]


def _run():
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from academy.accounts.services import create_api_token

    start = time.perf_counter()
    edition, organiser, middle = _seed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does soon after a bulk load; without it plans are blind
    print(f"{connection.vendor}: seeded {APPLICATIONS} applications in {time.perf_counter() - start:.1f} s")
    print(f"calibration: 3 million Python additions took {calibrate():.0f} ms of CPU")
    client = Client()
    client.force_login(organiser)
    slug = edition.slug
    listing = reverse("screening:list", args=[slug])
    measure(client, "list, first page of 50 rows", listing)
    measure(client, "list, page 60 of 100 by name", f"{listing}?sort=name&page={scale(60, 1)}")
    measure(client, "list, 250 rows (?per_page=250)", f"{listing}?per_page=250")
    measure(
        client,
        "list, filtered (status, country, exp.)",
        f"{listing}?status=submitted&country=DE&experience=2+to+5+years",
    )
    measure(client, "list, filtered (ecosystem, eligible)", f"{listing}?ecosystem=digital&eligible=yes")
    measure(client, "list, search 'person 12'", f"{listing}?q=person+12")
    measure(client, "detail", reverse("screening:detail", args=[slug, middle.pk]))
    measure(client, "CSV export, all 5,000", reverse("screening:export_csv", args=[slug]))
    measure(client, "XLSX export, all 5,000", reverse("screening:export_xlsx", args=[slug]), repeat=5)
    token = create_api_token(organiser)
    measure(
        client,
        "API, 50 applications",
        f"/api/v1/editions/{slug}/applications/",
        headers={"Authorization": f"Bearer {token}"},
    )


def main(run=None):
    """Run `run` (this module's own measurements by default) against a throw-away database."""
    run = run or _run
    folder = _configure()
    from django.db import connection

    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            run()
        finally:
            connection.creation.destroy_test_db(name, verbosity=0)
    else:
        try:
            migrate()
            run()
        finally:
            connection.close()
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

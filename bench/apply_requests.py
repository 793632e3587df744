"""Server CPU per request on the applicant's path, in-process on SQLite: the apply page, one autosave,
a full submission, the call page (anonymous and signed in). CPU time (not wall time) is what a shared
machine cannot blur: 2 cores / CPU per request is the most a 2-core server can serve.

    python -m bench apply_requests          # ROUNDS=100
"""

import os
import statistics
import time

from bench._database import create_test_db
from bench._timing import scale

ROUNDS = int(os.environ.get("ROUNDS", scale(100, 3)))


def setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "academy.settings.test"
    import django

    django.setup()
    from django.test.utils import override_settings, setup_test_environment

    # receipts are made by the task worker in production, not in the request: queue them nowhere here. Setting
    # settings.TASKS is not enough: defining the tasks at start-up already built the test settings' backend, which
    # made every receipt inside the request; override_settings tells Django to build it again.
    override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}).enable()

    setup_test_environment()
    create_test_db()


def measure(label, fn, rounds=ROUNDS):
    fn()  # warm
    cpu, wall = [], []
    for _ in range(rounds):
        c, w = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    med = statistics.median(cpu) * 1000
    print(
        f"  {label:<28} CPU median {med:6.1f} ms (≈ {2000 / med:5.0f}/s on 2 cores)  wall median "
        f"{statistics.median(wall) * 1000:6.1f} ms"
    )


def main():
    setup()
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client
    from django.utils import timezone
    from tests import factories

    from academy.applications import services, standard_form
    from academy.applications.models import Application, SubmittedVersion

    today = timezone.localdate()
    edition = factories.edition(deadline=today + dt.timedelta(days=10))
    standard_form.install(edition)
    people = []
    for n in range(ROUNDS + 2):
        person = factories.user(f"bench{n}@example.org")
        factories.registered(person.email, country="DE")
        people.append(person)
    client = Client()
    base = f"/editions/{edition.slug}/"
    measure("call page, visitor", lambda: client.get(base))
    client.force_login(people[0])
    services.start_application(people[0], edition)
    measure("call page, signed in", lambda: client.get(base))
    measure("apply page", lambda: client.get(base + "apply/"))
    counter = iter(range(10**6))

    def autosave():
        application = Application.objects.get(applicant=people[0])
        seen = application.field_revisions.get("motivation", {}).get("rev", 0)
        client.post(
            base + "apply/save/motivation/",
            {"q-motivation": f"Typing {next(counter)}", "seen-motivation": seen},
            headers={"HX-Request": "true"},
        )

    measure("autosave of one field", autosave)
    answers = {
        "experience": "6–10 years",
        "background": "Other",
        "ecosystems": ["Digital"],
        "motivation": "Peer learning.",
        "expectations": "Feedback.",
        "commit_attend": "on",
        "commit_camera": "on",
        "commit_homework": "on",
        "privacy": "on",
    }
    data = {"action": "submit"}
    for key, value in answers.items():
        data[f"q-{key}"], data[f"q-{key}-present"], data[f"seen-{key}"] = value, "1", "0"
    sessions = []
    for person in people[1:]:
        services.start_application(person, edition)
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(person.pk), settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    queue = iter(sessions)

    def submit():  # one client (its handler built once), a different applicant's session each time
        client.cookies["sessionid"] = next(queue)
        response = client.post(base + "apply/", data)
        assert response.status_code == 302 and response.url == base + "apply/", response

    measure("submit (whole form)", submit, rounds=ROUNDS)
    submitted = SubmittedVersion.objects.filter(application__edition=edition).count()
    print(f"  ({submitted} submissions made, one version each)")
    receipts_made = SubmittedVersion.objects.filter(application__edition=edition).exclude(receipt_pdf="").count()
    if receipts_made:  # the figure would be the receipt's PDF, not the request: the task backend was not replaced
        raise SystemExit(f"{receipts_made} receipts were made inside the requests measured")

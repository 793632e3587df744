"""The deadline rush against a real server and the documented worker setup: 200 signed-in applicants at
once start, autosave field by field and submit; then 20 applicants edit and submit again for a minute, at
20 submissions a second between them. The task workers (`academy workers`: one per core) make the receipts
meanwhile. On SQLite (WAL, BEGIN IMMEDIATE) and on PostgreSQL (BENCH_DATABASE_URL, else
postgres://postgres@127.0.0.1:5432/bench_rush, dropped and created afresh: never the test database).

Prints latencies (p50/p95/max) per request kind, errors, throughput; checks in the database that every
acknowledged submission is there (not one lost); then the receipt lag per phase (submission → a receipt
mail in the outbox that covers it, p50/p95/max), the queue left at the end of the rush and how long the
workers took to drain it; and the CPU seconds the server, the task workers and the simulated applicants used,
which, unlike the times, barely grow when other programs share the cores.

    python -m bench apply_rush    # APPLICANTS=200 THINK=2 RESUBMITTERS=20 RATE=20 SECONDS=60
                                  # WORKERS=3 THREADS=4 TASK_WORKERS=<cores> DRAIN_LIMIT=180
                                  # TASK_WORKER_NICE=10 (the workers' default; 0: the web's priority)

THINK is the mean pause in seconds between one applicant's requests during the rush (typing; autosave
waits 800 ms of quiet); THINK=0 is a stampede where every applicant fires every request at once. RATE is
the resubmitters' submissions per second all together (each opens the form, then submits it); RATE=0 has
them submit as fast as the server answers, which measures throughput. BENCH_TINY=1 runs it in seconds
(tests/test_bench_rush.py), on SQLite only unless BENCH_DATABASE_URL is set.
"""

import http.client
import json
import os
import random
import re
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from bench._database import copy_migrated
from bench._receipts import QueueWatch, pct, read_lags, report_lags
from bench._timing import TINY, scale

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
APPLICANTS = int(os.environ.get("APPLICANTS", scale(200, 3)))
RESUBMITTERS = int(os.environ.get("RESUBMITTERS", scale(20, 2)))
RATE = float(os.environ.get("RATE", scale(20, 2)))
SECONDS = float(os.environ.get("SECONDS", scale(60, 2)))
THINK = float(os.environ.get("THINK", scale(2, 0)))
WORKERS = os.environ.get("WORKERS", scale("3", "1"))
THREADS = os.environ.get("THREADS", scale("4", "2"))
TASK_WORKERS = os.environ.get("TASK_WORKERS", scale(str(len(os.sched_getaffinity(0))), "1"))
DRAIN_LIMIT = float(os.environ.get("DRAIN_LIMIT", 180))
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_rush")

SETUP = """
import datetime as dt, json, sys
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from academy.accounts.models import User
from academy.applications import standard_form
from academy.editions.models import Academy, Edition
from academy.registry.models import ClusterOrganisation, RegisteredPerson
from academy.registry.services import set_default_eligible_countries

n, today, day = int(sys.argv[1]), timezone.localdate(), dt.timedelta(days=1)
academy = Academy.objects.create(name="Bench", slug="bench", contact_email="bench@example.org")
edition = Edition.objects.create(
    academy=academy, name="Bench edition", slug="bench", year=today.year, contact_email="bench@example.org",
    call_opens=today - 7 * day, application_deadline=today + 7 * day, review_closes=today + 14 * day,
    online_start=today + 30 * day, online_end=today + 31 * day, in_person_start=today + 90 * day,
    in_person_end=today + 91 * day,
)
set_default_eligible_countries(edition)
standard_form.install(edition)
org = ClusterOrganisation.objects.create(registry_id="BENCH-1", name="Bench cluster", country="DE")
User.objects.bulk_create([User(email=f"rush{i}@example.org", full_name=f"Rush {i}", password="!") for i in range(n)])
RegisteredPerson.objects.bulk_create(
    [RegisteredPerson(organisation=org, email=f"rush{i}@example.org", name=f"R{i}", role="manager") for i in range(n)]
)
keys = []
for user in User.objects.filter(email__startswith="rush").order_by("pk"):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps(keys))
"""

COUNT = """
import django, json
django.setup()
from django.db.models import Count
from academy.applications.models import Application
print(json.dumps({
    "applications": Application.objects.filter(edition__slug="bench").count(),
    "submitted": Application.objects.filter(edition__slug="bench", status="submitted").count(),
    "versions": {a.applicant.email: a.n for a in Application.objects.filter(edition__slug="bench")
                 .annotate(n=Count("versions")).select_related("applicant")},
}))
"""

ANSWERS = {
    "experience": "6–10 years",
    "background": "Engineering / science",
    "ecosystems": ["Digital", "Health"],
    "motivation": "We want better services for our SMEs.",
    "expectations": "Peer learning and honest feedback.",
    "commit_attend": "on",
    "commit_camera": "on",
    "commit_homework": "on",
    "privacy": "on",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One applicant's browser: their session cookie, a CSRF cookie and header, latencies by kind."""

    def __init__(self, port, session_key, timings, errors):
        self.port, self.timings, self.errors = port, timings, errors
        self.csrf = secrets.token_hex(16)  # a 32-character secret is a valid token, sent as cookie and header
        self.cookie = f"sessionid={session_key}; csrftoken={self.csrf}"
        self.body = ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, kind, method, path, fields=None):
        if THINK and kind not in ("warm", "resubmit", "again"):
            time.sleep(random.uniform(0.5 * THINK, 1.5 * THINK))  # a person typing
        body = urllib.parse.urlencode(fields or {}, doseq=True) if method == "POST" else None
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.csrf, "Host": "127.0.0.1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                self.body = response.read().decode()
                status = response.status
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as error:
                # the server closed an idle keep-alive connection: a browser opens a new one and sends again
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    self.errors.append(f"{kind}: {error!r}")
                    return None
            except (OSError, http.client.HTTPException) as error:
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.errors.append(f"{kind}: {error!r}")
                return None
        self.timings.setdefault(kind, []).append(time.perf_counter() - started)
        if status >= 400:
            self.errors.append(f"{kind}: HTTP {status}")
        return status


SEEN = re.compile(r'name="seen-(\w+)" id="seen-\w+" value="(\d+)"')


def form(answers, action, seen):
    """The whole form as the browser posts it, with the revision at which the page showed each answer."""
    data = {"action": action}
    for key, value in answers.items():
        data[f"q-{key}"], data[f"q-{key}-present"], data[f"seen-{key}"] = value, "1", seen.get(key, "0")
    return data


def applicant(client, barrier, acknowledged, email):
    barrier.wait()
    base = "/editions/bench/apply/"
    client.request("page", "GET", base)
    client.request("start", "POST", base + "start/")
    client.request("page", "GET", base)
    seen = dict(SEEN.findall(client.body))
    for key, value in [
        ("experience", ANSWERS["experience"]),
        ("background", ANSWERS["background"]),
        ("ecosystems", ANSWERS["ecosystems"]),
        ("motivation", "We want better"),  # typing: two autosaves of the same field
        ("motivation", ANSWERS["motivation"]),
        ("expectations", ANSWERS["expectations"]),
        ("commit_attend", "on"),
    ]:
        fields = {f"q-{key}": value, f"q-{key}-present": "1", f"seen-{key}": seen.get(key, "0")}
        client.request("autosave", "POST", f"{base}save/{key}/", fields)
        seen.update(SEEN.findall(client.body))  # the response carries the field's new revision
        if "Not saved" in client.body:
            client.errors.append(f"autosave refused: {key}")
    if client.request("submit", "POST", base, form(ANSWERS, "submit", seen)) == 302:
        acknowledged[email] = acknowledged.get(email, 0) + 1


def resubmitter(client, stop_at, acknowledged, email, n):
    """Edit and submit until `stop_at`; with RATE, each of the RESUBMITTERS once per RESUBMITTERS/RATE seconds."""
    count, every = 0, RESUBMITTERS / RATE if RATE else 0
    started = time.perf_counter() + every * n / RESUBMITTERS  # spread out, not all at the same instant
    while time.perf_counter() < stop_at:
        if every and (pause := started + count * every - time.perf_counter()) > 0:
            time.sleep(pause)
            if time.perf_counter() >= stop_at:
                break
        count += 1
        answers = dict(ANSWERS, motivation=f"Edit {count} by applicant {n}.")
        client.request("again", "GET", "/editions/bench/apply/")  # back on the page after the redirect
        seen = dict(SEEN.findall(client.body))
        if client.request("resubmit", "POST", "/editions/bench/apply/", form(answers, "submit", seen)) == 302:
            acknowledged[email] = acknowledged.get(email, 0) + 1


def report(timings):
    for kind, values in sorted(timings.items()):
        print(
            f"    {kind:<9} n={len(values):>5}  p50 {statistics.median(values) * 1000:7.1f} ms  "
            f"p95 {pct(values, 0.95) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
        )


def start_server(env):
    port = free_port()
    server = subprocess.Popen(
        [BIN / "gunicorn", "academy.wsgi", "-b", f"127.0.0.1:{port}", "-w", WORKERS, "--threads", THREADS]
        + ["-k", "gthread"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return server, port


def stop(process):
    """Stop a server or the workers and wait for it; the CPU seconds it and its children used."""
    process.terminate()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = 0  # reaped here: Popen must not wait for it again
            return usage.ru_utime + usage.ru_stime
        time.sleep(0.1)
    process.kill()
    process.wait()
    return None


def warm_up(port, session_key):
    """Have every server process answer the rush's pages before it starts: the rush measures requests, not a
    process's first request (URLconf, views and templates loaded: about a second of CPU, which the requests
    queued behind it wait for). A keep-alive connection stays with one process, so each request here comes on
    a connection of its own, many at once, which spreads them over the processes."""
    first = Client(port, session_key, {}, [])
    for _ in range(200):  # until the server answers
        if first.request("warm", "GET", "/editions/bench/") == 200:
            break
        time.sleep(0.1)
    for path in ("/editions/bench/", "/editions/bench/apply/"):  # the applicant's page: a GET changes nothing
        clients = [Client(port, session_key, {}, []) for _ in range(4 * int(WORKERS) * int(THREADS))]
        run_threads(lambda client, path=path: client.request("warm", "GET", path), [(c,) for c in clients])


def run_threads(target, argument_lists):
    threads = [threading.Thread(target=target, args=args) for args in argument_lists]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def run(name, database_url):
    data_dir = tempfile.mkdtemp(prefix="bench-rush-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "academy.settings.dev",
        "DEBUG": "false",
        "ACADEMY_DATA_DIR": data_dir,
        "DATABASE_URL": database_url or f"sqlite:///{data_dir}/bench.sqlite3",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "LOG_LEVEL": "ERROR",
    }
    if database_url or not copy_migrated(f"{data_dir}/bench.sqlite3"):
        subprocess.run([BIN / "academy", "migrate", "--no-input", "-v", "0"], env=env, check=True)
    keys = json.loads(
        subprocess.run(
            [sys.executable, "-c", SETUP, str(APPLICANTS)], env=env, check=True, capture_output=True, text=True
        ).stdout
    )
    server, port = start_server(env)
    # the documented worker setup: `academy workers`, one db_worker per core
    task_workers = subprocess.Popen(
        [BIN / "academy", "workers", "--count", TASK_WORKERS, "--no-startup-delay", "-v", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watch = QueueWatch(env)
    cpu = {}
    try:
        warm_up(port, keys[0])
        print(
            f"  {name}: {APPLICANTS} applicants at once, a pause of ~{THINK:g} s between their requests, "
            f"gunicorn {WORKERS} workers × {THREADS} threads, {TASK_WORKERS} task workers; "
            f"load average before: {os.getloadavg()[0]:.1f}"
        )
        timings, errors, acknowledged = {}, [], {}
        barrier = threading.Barrier(APPLICANTS)
        emails = [f"rush{i}@example.org" for i in range(APPLICANTS)]
        clients = [Client(port, key, timings, errors) for key in keys]
        rush_start, own_cpu = time.time(), resource.getrusage(resource.RUSAGE_SELF)
        run_threads(applicant, [(c, barrier, acknowledged, e) for c, e in zip(clients, emails, strict=True)])
        report(timings)
        print(f"    rush done in {time.time() - rush_start:.1f} s; errors: {len(errors)} {errors[:3]}")

        timings2, errors2 = {}, []
        for c in clients[:RESUBMITTERS]:
            c.timings, c.errors = timings2, errors2
        again_start = time.time()
        stop_at = time.perf_counter() + SECONDS
        run_threads(resubmitter, [(clients[n], stop_at, acknowledged, emails[n], n) for n in range(RESUBMITTERS)])
        rush_end = time.time()
        done = len(timings2.get("resubmit", []))
        report(timings2)
        pace = f"paced at {RATE:g}/s" if RATE else "as fast as answered"
        print(
            f"    {RESUBMITTERS} users editing and submitting ({pace}) for {SECONDS:g} s: "
            f"{done / (rush_end - again_start):.1f} submissions/s; errors: {len(errors2)} {errors2[:3]}"
        )
        at_end = watch.wait_for_sample_after(rush_end, limit=30)
        drained = watch.drained_after(rush_end, limit=DRAIN_LIMIT)
        drain = f"drained {drained:.1f} s after it" if drained is not None else f"not drained in {DRAIN_LIMIT:g} s"
        print(f"    task queue at the end of the rush: {at_end[1] if at_end else '?'} tasks; {drain}")
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu["clients"] = used.ru_utime + used.ru_stime - own_cpu.ru_utime - own_cpu.ru_stime
        cpu["wall"] = time.time() - rush_start
    finally:
        watch.stop()
        cpu["task workers"], cpu["gunicorn"] = stop(task_workers), stop(server)
    counts = json.loads(
        subprocess.run([sys.executable, "-c", COUNT], env=env, check=True, capture_output=True, text=True).stdout
    )
    lost = {e: n for e, n in acknowledged.items() if counts["versions"].get(e, 0) < n}
    extra = sum(counts["versions"].values()) - sum(acknowledged.values())
    print(
        f"    database: {counts['submitted']}/{APPLICANTS} submitted, {sum(counts['versions'].values())} versions for "
        f"{sum(acknowledged.values())} acknowledged submissions; lost: {len(lost)}; unacknowledged extra: {extra}"
    )
    report_lags(read_lags(env), [("rush", rush_start), ("resubmits", again_start)])
    if "wall" in cpu:  # CPU seconds barely grow with the machine's load, unlike the times above
        used = ", ".join(f"{k} {v:.1f} s" for k, v in cpu.items() if k != "wall" and v is not None)
        print(f"    CPU used from the rush's start to the drain ({cpu['wall']:.0f} s, 2 cores): {used}")


def fresh_postgres(url):
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"  PostgreSQL not reachable ({error}); skipped")
        return False
    return True


def main():
    run("SQLite", None)
    if (not TINY or "BENCH_DATABASE_URL" in os.environ) and fresh_postgres(PG_URL):
        run("PostgreSQL", PG_URL)


if __name__ == "__main__":
    main()

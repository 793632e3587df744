"""The outbox survives a worker killed mid-batch: every mail arrives, a repeat only for the mail in flight.

A real `academy db_worker` runs as a subprocess against a real database (a SQLite file here; on the
PostgreSQL run, the test database itself) and sends to a real SMTP server on loopback. The server
holds back its answer to the 50th message, so the kill lands exactly in the window SMTP cannot close:
the server has the message, the worker has not recorded it.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from academy.mail.models import OutboxMessage

from .sink import Sink

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ACADEMY = str(Path(sys.executable).parent / "academy")
TOTAL = 200
KILL_AT = 50

SETUP = f"""
import django; django.setup()
from django.db import transaction
from academy.mail.services import queue_mail
with transaction.atomic():
    for n in range({TOTAL}):
        queue_mail(purpose="message", to_email=f"p{{n:03}}@example.org", context={{}}, draft=False,
                   subject="Batch mail {{email}}", body="Dear {{name}}, this is mail {{email}}.")
"""


def database_url(tmp_path):
    settings = connection.settings_dict
    if connection.vendor == "postgresql":  # the test database: committed rows are visible to subprocesses
        user = quote(settings["USER"]) + (":" + quote(settings["PASSWORD"]) if settings["PASSWORD"] else "")
        return f"postgres://{user}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return f"sqlite:///{tmp_path / 'worker.sqlite3'}"


@pytest.fixture
def run(request, tmp_path):
    if connection.vendor == "sqlite":  # a migrated file of the workers' own (on PostgreSQL, the test database)
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), tmp_path / "worker.sqlite3")
    sink_env = {}
    started = []

    def environment():
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.mail.worker_settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
            "DATABASE_URL": database_url(tmp_path),
            "ACADEMY_DATA_DIR": str(tmp_path / "data"),
            "MAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            **sink_env,
        }

    def once(*args):
        result = subprocess.run(args, env=environment(), capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def start(name, *args):
        log = open(tmp_path / f"{name}-{len(started)}.log", "w")  # noqa: SIM115 -- closed by the fixture
        process = subprocess.Popen(args, env=environment(), stdout=log, stderr=subprocess.STDOUT)
        started.append((process, log))
        return process

    run.sink_env = sink_env
    run.once, run.start = once, start
    yield run
    for process, log in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        log.close()


def snapshot(tmp_path):
    """(Message-ID, state, to) of every row, read straight from the database the workers use."""
    if connection.vendor == "postgresql":
        return list(OutboxMessage.objects.values_list("message_id", "state", "to_email"))
    with closing(sqlite3.connect(tmp_path / "worker.sqlite3")) as db:
        return db.execute("SELECT message_id, state, to_email FROM mail_outboxmessage").fetchall()


def wait_for_rows(tmp_path, done, timeout):
    """Poll the database (bounded) until done(rows); return the rows."""
    deadline = time.monotonic() + timeout
    while not done(rows := snapshot(tmp_path)):
        assert time.monotonic() < deadline, Counter(state for _, state, _ in rows)
        time.sleep(0.2)
    return rows


def test_a_batch_of_200_arrives_complete_when_the_worker_is_killed_mid_batch(run, tmp_path):
    with Sink(hold_at=KILL_AT) as sink:
        run.sink_env["MAIL_OPTIONS"] = json.dumps({"host": "127.0.0.1", "port": sink.port, "timeout": 10})
        run.once(sys.executable, "-c", SETUP)  # commits 200 queued rows and one sending task
        worker_args = (ACADEMY, "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2")

        worker = run.start("worker", *worker_args)
        assert sink.held.wait(timeout=90), "the worker never reached the 50th mail"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        sink.release.set()

        at_kill = snapshot(tmp_path)
        in_flight = {mid for mid, state, _ in at_kill if state == "sending"}
        held_id = sink.received[KILL_AT - 1][0]
        assert len(sink.received) == KILL_AT
        assert held_id in in_flight, "the mail the server held must still be `sending` in the database"
        assert sum(state == "sent" for _, state, _ in at_kill) == KILL_AT - 1

        # Restart: a worker, and the periodic runner that re-queues rows left behind by the dead one.
        run.start("worker", *worker_args)
        run.start("cron", ACADEMY, "cron", "--every", "0.5", "mail.retry")
        every_id = {mid for mid, _, _ in at_kill}
        assert sink.wait_until(lambda received: every_id <= {r[0] for r in received}, timeout=180)
        final = wait_for_rows(tmp_path, lambda rows: all(state == "sent" for _, state, _ in rows), timeout=120)

    assert len(final) == TOTAL
    times = Counter(mid for mid, _, _ in sink.received)
    assert set(times) == every_id  # every mail at least once
    repeated = {mid for mid, n in times.items() if n > 1}
    assert held_id in repeated and times[held_id] == 2
    assert repeated <= in_flight  # a repeat only for a row that was in `sending` at the kill …
    recipients = {mid: to for mid, _, to in final}
    for mid, to, _subject in sink.received:
        assert recipients[mid] == to  # … and under the same Message-ID, to the same person

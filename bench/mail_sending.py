"""How long it takes to queue and to send 5,000 mails to a real SMTP server on loopback.

    .venv/bin/python -m bench.mail_sending [--count 5000]

Runs on a fresh SQLite file under a temporary folder (or on BENCH_DATABASE_URL, an empty scratch
database), with an aiosmtpd sink in its own process. Queueing renders each mail from the
edition's template and stores it, in one transaction as a selection run would; sending is the
worker's loop (claim 20 and commit, hand each to SMTP over one connection, commit each as sent).
"""

import argparse
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._database import migrate
from bench._timing import scale

SINK = """
import sys, threading
from aiosmtpd.controller import Controller
class Counting:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Counting.count += 1
        return "250 OK"
controller = Controller(Counting(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.readline()
print(Counting.count, flush=True)
controller.stop()
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(folder, port):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings.dev")
    os.environ["ACADEMY_DATA_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ["MAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    os.environ["MAIL_OPTIONS"] = json.dumps({"host": "127.0.0.1", "port": port, "timeout": 10})
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()

    migrate()


def make_edition():
    from academy.editions.models import Academy, Edition

    day = dt.date(2022, 10, 31)
    return Edition.objects.create(
        academy=Academy.objects.create(name="Bench Academy", slug="bench-academy"),
        name="Bench 2022",
        slug="bench-2022",
        year=2022,
        call_opens=day - dt.timedelta(days=35),
        application_deadline=day,
        review_closes=day + dt.timedelta(days=14),
        online_start=day + dt.timedelta(days=31),
        online_end=day + dt.timedelta(days=32),
        in_person_start=day + dt.timedelta(days=120),
        in_person_end=day + dt.timedelta(days=121),
        contact_email="events@example.org",
    )


def send_in_parallel(workers):
    """`workers` sending loops at once, as several worker processes would run them; counts summed."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from academy.mail import sending

    def one(_):
        try:
            return sending.send_pending()
        finally:
            connection.close()

    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(one, range(workers)))
    return {key: sum(r[key] for r in results) for key in results[0]}


def run(count, workers):
    from django.db import connection, transaction

    from academy.mail import sending
    from academy.mail.models import OutboxMessage
    from academy.mail.services import queue_mail

    edition = make_edition()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Mail bench on {connection.vendor}: {count} mails to an SMTP sink on 127.0.0.1 (load average {load})")
    start = time.perf_counter()
    with transaction.atomic():
        for n in range(count):
            queue_mail(
                purpose="receipt",
                to_email=f"applicant{n}@example.org",
                to_name=f"Applicant {n}",
                edition=edition,
                context={
                    "application_url": f"https://academy.example/a/{n}/",
                    "submitted_at": edition.deadline,
                    "version": 1,  # every placeholder of the receipt filled: a mail lacking one is held, not sent
                    "summary": "- Why do you want to take part? To learn from peers across Europe.",
                },
            )
    queued = time.perf_counter() - start
    print(f"  queue {count:>6} mails: {queued:6.2f} s  ({count / queued:6.0f} mails/s)")

    start = time.perf_counter()
    outcome = sending.send_pending() if workers == 1 else send_in_parallel(workers)
    sent = time.perf_counter() - start
    print(f"  send  {count:>6} mails: {sent:6.2f} s  ({count / sent:6.0f} mails/s) by {workers} sender(s)  {outcome}")
    return OutboxMessage.objects.exclude(state="sent").count()


def main(argv=()):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=scale(5000, 20))
    parser.add_argument("--workers", type=int, default=1, help="sending loops running at once (threads)")
    args = parser.parse_args(argv)
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-c", SINK, str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert sink.stdout.readline().strip() == "ready"
        with tempfile.TemporaryDirectory(prefix="bench-mail-") as folder:
            configure(Path(folder), port)
            left = run(args.count, args.workers)
        received = int(sink.communicate("count\n", timeout=60)[0].strip())
    finally:
        if sink.poll() is None:
            sink.kill()
    print(f"  the sink received {received}; rows not sent: {left}")
    if received != args.count or left:
        sys.exit("the sink did not receive every mail exactly once")


if __name__ == "__main__":
    main(sys.argv[1:])

"""The receipt side of the deadline rush (bench/apply_rush.py): the task queue sampled while the rush runs,
and each submission's receipt lag read back from the database.

Receipt lag: from a version's submission to the first receipt mail in the outbox that covers it, that is
the receipt of this version or of a newer version of the same application (receipts coalesce: a version
superseded before the workers reached it gets none of its own; the applicant's receipt names the version
that counts). A version that no receipt covers when the queue has drained is counted as without one."""

import json
import statistics
import subprocess
import sys
import threading
import time

POLL = """
import json, sys, time
import django
django.setup()
from django_tasks_db.models import DBTaskResult
while True:
    waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
    print(json.dumps([time.time(), waiting]), flush=True)
    time.sleep(float(sys.argv[1]))
"""

LAGS = """
import json, sys
import django
django.setup()
from academy.applications.models import SubmittedVersion
from academy.mail.models import OutboxMessage
from django_tasks_db.models import DBTaskResult

versions = list(
    SubmittedVersion.objects.filter(application__edition__slug="bench").values_list(
        "pk", "application_id", "number", "submitted_at"
    )
)
of = {pk: (application, number) for pk, application, number, _at in versions}
receipts = {}
for key, created in OutboxMessage.objects.filter(purpose="receipt").values_list("dedupe_key", "created_at"):
    application, number = of[int(key.split(":")[1])]
    receipts.setdefault(application, []).append((number, created))
lags = []
for _pk, application, number, at in versions:
    covering = [created for n, created in receipts.get(application, []) if n >= number]
    lags.append([at.timestamp(), (min(covering) - at).total_seconds() if covering else None])
print(json.dumps({
    "lags": lags,
    "receipts": sum(len(r) for r in receipts.values()),
    "receipt_tasks": DBTaskResult.objects.filter(task_path__endswith="make_receipt").count(),
    "failed_tasks": DBTaskResult.objects.filter(status="FAILED").count(),
}))
"""


class QueueWatch:
    """A process that counts the tasks waiting or running every `every` seconds, read by a thread here."""

    def __init__(self, env, every=0.5):
        self.samples = []  # (epoch seconds, tasks waiting or running)
        self.process = subprocess.Popen(
            [sys.executable, "-c", POLL, str(every)], env=env, stdout=subprocess.PIPE, text=True
        )
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.process.stdout:
            self.samples.append(tuple(json.loads(line)))

    def wait_for_sample_after(self, moment, limit):
        """The first sample taken after `moment` (None if none came within `limit` seconds)."""
        deadline = time.time() + limit
        while time.time() < deadline:
            later = [s for s in self.samples if s[0] > moment]
            if later:
                return later[0]
            time.sleep(0.1)
        return None

    def drained_after(self, moment, limit):
        """Seconds from `moment` to the first sample with an empty queue, waiting at most `limit` seconds."""
        deadline = moment + limit
        while time.time() < deadline:
            empty = [t for t, waiting in self.samples if t > moment and waiting == 0]
            if empty:
                return empty[0] - moment
            time.sleep(0.2)
        return None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def read_lags(env):
    result = subprocess.run([sys.executable, "-c", LAGS], env=env, check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report_lags(found, phases):
    """Print p50/p95/max receipt lag per phase; `phases` is [(label, start epoch)] in order."""
    print(
        f"    receipts: {found['receipts']} mails for {len(found['lags'])} versions "
        f"({found['receipt_tasks']} receipt tasks, {found['failed_tasks']} failed tasks)"
    )
    bounds = [start for _label, start in phases[1:]] + [float("inf")]
    for (label, start), end in zip(phases, bounds, strict=True):
        lags = [lag for at, lag in found["lags"] if start <= at < end]
        covered = [lag for lag in lags if lag is not None]
        if not lags:
            continue
        summary = (
            f"p50 {statistics.median(covered):6.1f} s  p95 {pct(covered, 0.95):6.1f} s  max {max(covered):6.1f} s"
            if covered
            else "no receipt at all"
        )
        missing = len(lags) - len(covered)
        print(f"    receipt lag, {label:<10} n={len(lags):>5}  {summary}; without a receipt: {missing}")

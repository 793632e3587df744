"""The deadline rush benchmark (bench/apply_rush.py) runs to its end at a tiny size: real gunicorn, the
documented task workers (`academy workers`), applicants submitting and resubmitting; every acknowledged
submission is stored, every version is covered by a receipt once the queue drains, and the receipt lag
and the queue left at the end are printed. The figures themselves are not looked at (no timing
assertions in tests); the full-size run is `make bench BENCH=apply_rush`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_the_rush_benchmark_runs_and_every_submission_gets_its_receipt(migrated_sqlite):
    env = {**os.environ, "BENCH_TINY": "1", "DRAIN_LIMIT": "300", "BENCH_MIGRATED_SQLITE": str(migrated_sqlite)}
    for key in ("DATABASE_URL", "BENCH_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(key, None)  # its own throw-away SQLite file, never the test run's database
    for knob in ("APPLICANTS", "RESUBMITTERS", "RATE", "SECONDS", "THINK", "WORKERS", "THREADS", "TASK_WORKERS"):
        env.pop(knob, None)  # the tiny sizes, whatever the caller set (`make pytest WORKERS=0` means test processes)
    result = subprocess.run(
        [sys.executable, "-m", "bench", "apply_rush"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    output = result.stdout
    assert result.returncode == 0, output[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert re.search(r"rush done in .*errors: 0 ", output) and re.search(r"submissions/s; errors: 0 ", output)
    assert re.search(r"lost: 0; unacknowledged extra: 0", output), output
    assert re.search(r"task queue at the end of the rush: \d+ tasks; drained", output), output
    lags = re.findall(r"receipt lag, (\w+) +n= +(\d+) +p50 .* p95 .*; without a receipt: (\d+)", output)
    assert [phase for phase, _n, _missing in lags] == ["rush", "resubmits"], output
    assert all(int(n) > 0 and missing == "0" for _phase, n, missing in lags), output
    assert re.search(r"receipts: \d+ mails for \d+ versions \(\d+ receipt tasks, 0 failed tasks\)", output), output
    assert re.search(r"CPU used .*: clients [\d.]+ s, task workers [\d.]+ s, gunicorn [\d.]+ s", output), output

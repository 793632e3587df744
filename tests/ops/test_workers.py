"""`academy workers` runs one task worker per core (TASK_WORKERS or --count to change), and `make demo`
starts it with the number of cores of the machine it runs on."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from academy.ops import workers

ROOT = Path(__file__).resolve().parents[2]
ACADEMY = str(Path(sys.executable).parent / "academy")
CORES = len(os.sched_getaffinity(0))

QUEUE = """
import django; django.setup()
from tests.ops.worker_tasks import which_process
for _ in range(9):
    which_process.enqueue()
"""
RESULTS = """
import django, json; django.setup()
from django_tasks_db.models import DBTaskResult
print(json.dumps([[r.status, r.return_value] for r in DBTaskResult.objects.all()]))
"""


def test_one_worker_per_core_unless_task_workers_says_otherwise(monkeypatch):
    monkeypatch.delenv("TASK_WORKERS", raising=False)
    assert workers.default_count() == CORES
    monkeypatch.setenv("TASK_WORKERS", "5")
    assert workers.default_count() == 5


@pytest.mark.parametrize(("arguments", "count"), [((), CORES), (("TASK_WORKERS=3",), 3)])
def test_make_demo_starts_one_worker_per_core(arguments, count):
    # not the settings of a `make` this test may run under (its command-line variables travel in MAKEFLAGS)
    env = {k: v for k, v in os.environ.items() if k not in ("TASK_WORKERS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    plan = subprocess.run(
        ["make", "-n", "demo", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert f"academy workers --count {count} " in plan
    assert "db_worker" not in plan, "the workers command starts the db_workers"


@pytest.mark.slow
def test_the_workers_command_runs_that_many_workers_on_one_queue(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.mail.worker_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'workers.sqlite3'}",
        "ACADEMY_DATA_DIR": str(tmp_path / "data"),
    }

    def run(*args):
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout + result.stderr  # the workers log to stderr

    run(ACADEMY, "migrate", "django_tasks_database", "--no-input", "-v", "0")
    run(sys.executable, "-c", QUEUE)
    output = run(ACADEMY, "workers", "--count", "3", "--batch", "--no-startup-delay", "--interval", "0")
    assert "Starting 3 task workers." in output
    started = [line for line in output.splitlines() if line.startswith("Starting worker worker_id=")]
    assert len(started) == 3 and len(set(started)) == 3, output
    results = json.loads(run(sys.executable, "-c", RESULTS).splitlines()[0])
    assert len(results) == 9 and {status for status, _pid in results} == {"SUCCESSFUL"}

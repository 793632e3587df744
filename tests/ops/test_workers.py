"""`academy workers` runs one task worker per core (TASK_WORKERS or --count to change), at a lower CPU priority
than the web's (TASK_WORKER_NICE or --nice to change), and `make demo` starts it with the number of cores of the
machine it runs on."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
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
NICENESS_QUEUE = """
import django; django.setup()
from tests.ops.worker_tasks import niceness
niceness.enqueue()
niceness.enqueue()
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


@pytest.fixture
def run(tmp_path, migrated_sqlite):
    """Run a command against a migrated SQLite file of its own with the database-backed task backend; its output."""
    shutil.copyfile(migrated_sqlite, tmp_path / "workers.sqlite3")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.mail.worker_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'workers.sqlite3'}",
        "ACADEMY_DATA_DIR": str(tmp_path / "data"),
    }
    env.pop("TASK_WORKER_NICE", None)

    def run(*args):
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout + result.stderr  # the workers log to stderr

    return run


def results(tmp_path):
    """[status, return value] of every task, read straight from the file the workers wrote (no Django start-up)."""
    with closing(sqlite3.connect(tmp_path / "workers.sqlite3")) as db:
        rows = db.execute("SELECT status, return_value FROM django_tasks_database_dbtaskresult").fetchall()
    return [[status, json.loads(value)] for status, value in rows]


@pytest.mark.slow
def test_the_workers_command_runs_that_many_workers_on_one_queue(run, tmp_path):
    run(sys.executable, "-c", QUEUE)
    output = run(ACADEMY, "workers", "--count", "3", "--batch", "--no-startup-delay", "--interval", "0")
    assert "Starting 3 task workers." in output
    started = [line for line in output.splitlines() if line.startswith("Starting worker worker_id=")]
    assert len(started) == 3 and len(set(started)) == 3, output
    done = results(tmp_path)
    assert len(done) == 9 and {status for status, _pid in done} == {"SUCCESSFUL"}


@pytest.mark.slow
@pytest.mark.parametrize(("arguments", "lower_by"), [((), 10), (("--nice", "3"), 3)])
def test_the_workers_run_at_a_lower_cpu_priority_than_the_web(run, tmp_path, arguments, lower_by):
    run(sys.executable, "-c", NICENESS_QUEUE)
    run(ACADEMY, "workers", "--count", "2", "--batch", "--no-startup-delay", "--interval", "0", *arguments)
    assert results(tmp_path) == [["SUCCESSFUL", min(19, os.nice(0) + lower_by)]] * 2


def test_task_worker_nice_sets_the_default_and_zero_keeps_the_webs_priority(monkeypatch):
    monkeypatch.delenv("TASK_WORKER_NICE", raising=False)
    assert workers.default_nice() == 10
    monkeypatch.setenv("TASK_WORKER_NICE", "0")
    assert workers.default_nice() == 0

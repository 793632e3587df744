"""For the tests that run the platform in subprocesses on a SQLite file of their own: a migrated file to copy.

`migrate` on a fresh database is most of the CPU of such a short subprocess (~3 s: rendering 70 migrations'
model states), so one file is migrated once per run, with the `academy migrate` the tests would run,
and every such test starts from a copy of it. What the copy holds is what migrating would give."""

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

ACADEMY = str(Path(sys.executable).parent / "academy")


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """The path of a migrated SQLite file (journal mode WAL, as the settings make it): copy it, never write to it.

    Under pytest-xdist the workers share one file, made by the first that asks (pytest-xdist's pattern for work
    done once per run: a lock in the run's temporary folder, which every worker's folder is in)."""
    root = tmp_path_factory.getbasetemp()
    root = root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root
    path = root / "migrated.sqlite3"
    with open(root / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            _migrate(path)
    return path


def _migrate(path):
    building = path.with_suffix(".building")  # renamed when complete: a failed build leaves no file to copy
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "academy.settings.test", "DATABASE_URL": f"sqlite:///{building}"}
    result = subprocess.run(
        [ACADEMY, "migrate", "--no-input", "-v", "0"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert not Path(f"{building}-wal").exists(), "the migrating process left its log unmerged: a copy would miss it"
    building.rename(path)

"""For the tests that run the platform in subprocesses on a SQLite file of their own: a migrated file to copy.

`migrate` on a fresh database is most of the CPU of such a short subprocess (~3 s: rendering 70 migrations'
model states), so each test process migrates one file once, with the `academy migrate` the tests would run,
and every such test starts from a copy of it. What the copy holds is what migrating would give."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ACADEMY = str(Path(sys.executable).parent / "academy")


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """The path of a migrated SQLite file (journal mode WAL, as the settings make it): copy it, never write to it."""
    path = tmp_path_factory.mktemp("migrated") / "migrated.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "academy.settings.test", "DATABASE_URL": f"sqlite:///{path}"}
    result = subprocess.run(
        [ACADEMY, "migrate", "--no-input", "-v", "0"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert not Path(f"{path}-wal").exists(), "the migrating process left its log unmerged: a copy would miss it"
    return path

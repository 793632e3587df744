"""`academy backup` and `academy restore` against a real database of the kind this run uses:
a SQLite file on the SQLite run, a scratch PostgreSQL database on the PostgreSQL run."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.slow

ACADEMY = str(Path(sys.executable).parent / "academy")
COUNT_SCRIPT = (
    "import json; from academy.registry.models import ClusterOrganisation as O; "
    "print(json.dumps(sorted(O.objects.values_list('registry_id', 'name'))))"
)


@pytest.fixture
def scratch_database_url(request, tmp_path, django_db_blocker):
    """A migrated database of the run's kind: a copy of the migrated SQLite file, or a new PostgreSQL database."""
    if connection.vendor == "sqlite":
        migrated = request.getfixturevalue("migrated_sqlite")
        yield f"sqlite:///{shutil.copyfile(migrated, tmp_path / 'live.sqlite3')}"
        return
    s = connection.settings_dict
    name = f"backup_{uuid.uuid4().hex[:10]}"
    dsn = f"host={s['HOST']} port={s['PORT'] or 5432} user={s['USER']} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT'] or 5432}/{name}"
    run(url, "migrate", "--no-input", "-v", "0")
    yield url
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(url, *args, stdin=None):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "academy.settings.test"}
    result = subprocess.run(
        [ACADEMY, *args, *(["-v", "0"] if args[0] == "shell" else [])],
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_restore_brings_back_exactly_what_was_backed_up(scratch_database_url, tmp_path):
    url = scratch_database_url
    csv = tmp_path / "registry.csv"
    csv.write_text(
        "organisation_id,organisation_name,country,email,name,role\n"
        "A-1,Alpha Cluster,DE,a@a.example,A,manager\nB-2,Beta Cluster,FR,b@b.example,B,manager\n"
    )
    run(url, "registry", "import", str(csv))
    before = json.loads(run(url, "shell", "-c", COUNT_SCRIPT))
    assert len(before) == 2

    backup_file = tmp_path / "academy.backup"
    assert "Backup written" in run(url, "backup", str(backup_file))
    delete = "from academy.registry.models import ClusterOrganisation as O; O.objects.all().delete(); "
    assert json.loads(run(url, "shell", "-c", delete + COUNT_SCRIPT)) == []  # deleted and committed (autocommit)

    run(url, "restore", str(backup_file), "--yes")
    assert json.loads(run(url, "shell", "-c", COUNT_SCRIPT)) == before


def test_restore_refuses_a_file_that_is_not_a_backup(scratch_database_url, tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    env = {**os.environ, "DATABASE_URL": scratch_database_url, "DJANGO_SETTINGS_MODULE": "academy.settings.test"}
    result = subprocess.run(
        [ACADEMY, "restore", str(bogus), "--yes"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "not" in result.stderr.lower()


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}

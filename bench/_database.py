"""The benchmarks' fresh database brought up to date: migrated, or copied from a migrated SQLite file."""

import os
import shutil
import sqlite3
from contextlib import closing


def copy_migrated(path):
    """Copy the migrated SQLite file that BENCH_MIGRATED_SQLITE names, if it names one, to `path`; whether it did.

    The smoke tests (tests/test_bench.py, tests/test_bench_rush.py) migrate one file with `academy migrate` for
    every module: the same tables and rows as migrating, without the seconds of CPU that a tiny run would mostly
    spend on rendering the migrations."""
    migrated = os.environ.get("BENCH_MIGRATED_SQLITE")
    if migrated:
        shutil.copyfile(migrated, path)
    return bool(migrated)


def migrate():
    """Bring the empty database up to date: `migrate`, or on a SQLite file, `copy_migrated`."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        connection.close()
        if copy_migrated(connection.settings_dict["NAME"]):
            return
    call_command("migrate", verbosity=0)


def create_test_db():
    """Django's test database (on SQLite in memory); on SQLite, when BENCH_MIGRATED_SQLITE names a migrated file,
    that file read into the in-memory database instead of migrating it."""
    from django.db import connection

    migrated = os.environ.get("BENCH_MIGRATED_SQLITE")
    if not migrated or connection.vendor != "sqlite":
        connection.creation.create_test_db(verbosity=0)
        return
    connection.close()
    connection.settings_dict["NAME"] = connection.creation._get_test_db_name()  # the name create_test_db gives
    connection.ensure_connection()
    with closing(sqlite3.connect(migrated)) as source:
        source.backup(connection.connection)

"""The benchmarks' fresh database brought up to date: migrated, or copied from a migrated SQLite file."""

import os
import shutil


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

"""Backups of the whole database: SQLite through its online backup API (consistent while the
platform runs), PostgreSQL through pg_dump/pg_restore in their custom format."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def _vendor():
    return connection.vendor


def _pg_env():
    s = connection.settings_dict
    env = {
        **os.environ,
        "PGDATABASE": s["NAME"],
        "PGUSER": s.get("USER") or "",
        "PGHOST": s.get("HOST") or "",
        "PGPORT": str(s.get("PORT") or ""),
    }
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return env


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL client tools (apt-get install postgresql-client)."
        )
    return path


def backup(target: Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if _vendor() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as out:
            connection.connection.backup(out)
        out.close()
    elif _vendor() == "postgresql":
        result = subprocess.run(  # noqa: S603 -- fixed arguments, no shell
            [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}"],
            env=_pg_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"Backups of {_vendor()} databases are not supported.")
    return target


def restore(source: Path) -> None:
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    if _vendor() == "sqlite":
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
                src.execute("PRAGMA schema_version").fetchone()
                connection.ensure_connection()
                src.backup(connection.connection)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source} is not an SQLite backup: {exc}") from exc
    elif _vendor() == "postgresql":
        connection.close()
        result = subprocess.run(  # noqa: S603 -- fixed arguments, no shell
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            env=_pg_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"Restores of {_vendor()} databases are not supported.")

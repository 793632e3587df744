"""Every benchmark module runs to its end: each is run at a tiny size (BENCH_TINY=1) in its own process.

The figures are not looked at (no timing assertions in tests); what is checked is that the module still fits the
code it measures, so that `make bench` never meets a crash the day someone needs its figures. The deadline rush
(`apply_rush`) starts servers and workers for a minute; its own test covers it."""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # ten processes, each on its own database

ROOT = Path(__file__).resolve().parents[1]
ELSEWHERE = {"apply_rush"}
MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules([str(ROOT / "bench")])
    if not m.name.startswith("_") and m.name not in ELSEWHERE
)


def test_every_benchmark_module_is_run_here():
    assert {"applications_list", "review_board", "dashboard"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_benchmark_runs_to_its_end_at_a_tiny_size(name, migrated_sqlite):
    env = {**os.environ, "BENCH_TINY": "1", "BENCH_MIGRATED_SQLITE": str(migrated_sqlite)}  # copied, not migrated
    for key in ("DATABASE_URL", "BENCH_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(key, None)  # their own throw-away SQLite file, never the test run's database
    result = subprocess.run(
        [sys.executable, "-m", "bench", name], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"== bench.{name}" in result.stdout and "Traceback" not in result.stderr


def test_several_benchmarks_in_one_command_each_measure_with_their_own_settings(migrated_sqlite):
    """`make bench` runs them all: the mail benchmark sends to its SMTP sink, although the module before it set
    Django up with the test settings (their mail goes to memory; in one process the sink received nothing)."""
    env = {**os.environ, "BENCH_TINY": "1", "BENCH_MIGRATED_SQLITE": str(migrated_sqlite)}
    for key in ("DATABASE_URL", "BENCH_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(key, None)
    result = subprocess.run(
        [sys.executable, "-m", "bench", "programme", "mail_sending"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "== bench.programme" in result.stdout and "== bench.mail_sending" in result.stdout
    assert "the sink received 0" not in result.stdout

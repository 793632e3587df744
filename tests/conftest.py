import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import validate_django_db

from tests import factories
from tests.subprocesses import migrated_sqlite  # noqa: F401 - a fixture for the tests that start subprocesses

# The one Hypothesis profile of the suite, for CI and the inner loop alike: the same examples on every run
# (derandomised, no example database) so a failure is reproduced by running the test again, no deadline (the
# machine is shared) and no health check (they warn about slow generation, not about wrong code). A test states
# only what differs, usually `@settings(max_examples=N)`. HYPOTHESIS_PROFILE=default explores fresh examples.
hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Playwright drives Debian's chromium; pytest-django's live_server runs in a thread beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


def _database_group(item):
    """pytest-django's order: 0 tests in a rolled-back transaction, 1 tests that commit (the database is flushed
    after each, so they run after every group-0 test), 2 tests without the database."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    commits = "transactional_db" in fixtures or "live_server" in fixtures
    if marker:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        commits = commits or transaction or reset_sequences
    if commits:
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Property tests (Hypothesis: the solvers' properties, the importers' fuzz) are slow: `make test-fast` leaves
    them out; other slow tests say so with `pytest.mark.slow` (tests/browser marks its own).

    Slow tests run first, so that parallel workers (pytest-xdist, `make pytest`) start them early and share them
    out instead of one worker finishing the run alone with the last long one. pytest-django's order of the
    database groups is kept (this hook runs after its); slow tests without the database go before everything."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)

    def key(item):
        slow, group = item.get_closest_marker("slow") is not None, _database_group(item)
        return (0,) if slow and group == 2 else (1, group, not slow)

    items.sort(key=key)


@pytest.fixture
def edition(db):
    return factories.edition()


@pytest.fixture
def person(db):
    return factories.user()

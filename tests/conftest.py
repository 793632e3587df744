import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import factories

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


def pytest_collection_modifyitems(items):
    """Property tests (Hypothesis: the solvers' properties, the importers' fuzz) are slow: `make test-fast` leaves
    them out. Other slow tests say so with `pytest.mark.slow` (tests/browser marks its own)."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def edition(db):
    return factories.edition()


@pytest.fixture
def person(db):
    return factories.user()

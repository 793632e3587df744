import pytest
from django.core.files.storage import default_storage

from tests.participation import helpers


@pytest.fixture
def application(edition):
    return helpers.participant(edition, full_name="Inês Costa")


@pytest.fixture
def coach(edition):
    return helpers.coach(edition)


@pytest.fixture
def assignment(edition, coach):
    return helpers.assignment(edition, reviewer=coach)


@pytest.fixture
def stored():
    """Names of the files saved under participation/ during the test; they are removed afterwards."""
    before = set(_walk("participation"))
    yield lambda: set(_walk("participation")) - before
    for name in set(_walk("participation")) - before:
        default_storage.delete(name)


def _walk(folder):
    if not default_storage.exists(folder):
        return
    dirs, files = default_storage.listdir(folder)
    for f in files:
        yield f"{folder}/{f}"
    for d in dirs:
        yield from _walk(f"{folder}/{d}")

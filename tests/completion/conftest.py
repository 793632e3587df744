import pytest
from django.core.files.storage import default_storage

from tests.completion import helpers
from tests.programme import factories as programme


@pytest.fixture
def days(edition):
    return helpers.programme_of(edition)


@pytest.fixture
def work(edition):
    return helpers.assignment(edition)


@pytest.fixture
def done(edition, days, work):
    """A participant who did everything the default rule asks."""
    return helpers.complete(programme.participant(edition, full_name="Inês Costa"), days, [work])


@pytest.fixture(autouse=True)
def _clean_certificates(settings):
    """Remove the PDFs a test stored."""
    before = set(_walk("certificates"))
    yield
    for name in set(_walk("certificates")) - before:
        default_storage.delete(name)


def _walk(folder):
    if not default_storage.exists(folder):
        return
    dirs, files = default_storage.listdir(folder)
    for f in files:
        yield f"{folder}/{f}"
    for d in dirs:
        yield from _walk(f"{folder}/{d}")

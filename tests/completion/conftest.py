import pytest

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

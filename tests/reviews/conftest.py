import pytest
import time_machine

from tests.reviews import builders


@pytest.fixture
def during_review():
    with time_machine.travel(builders.DURING_REVIEW, tick=True):
        yield


@pytest.fixture
def review_edition(db):
    return builders.edition()

import pytest
import time_machine

from academy.accounts.models import Role
from academy.applications import services, standard_form
from academy.applications.models import Question
from tests import factories

from .helpers import DURING_CALL


@pytest.fixture
def during_call():
    """Time frozen (but ticking) in the middle of the factory edition's call, 26 Sep – 31 Oct 2022."""
    with time_machine.travel(DURING_CALL, tick=True) as traveller:
        yield traveller


@pytest.fixture
def organiser(edition, client):
    """An organiser of the edition, logged in on the test client."""
    person = factories.with_role(Role.ORGANISER, edition)
    client.force_login(person)
    return person


@pytest.fixture
def form(edition):
    standard_form.install(edition)
    return {q.key: q for q in Question.objects.filter(edition=edition)}


@pytest.fixture
def applicant(db):
    person = factories.user("ana@example.org", full_name="Ana Silva")
    factories.registered(person.email, country="PT", name="Ana Silva")
    return person


@pytest.fixture
def application(during_call, edition, form, applicant):
    return services.start_application(applicant, edition)

"""Schemathesis against the API's own OpenAPI schema, through the WSGI application with an organiser's
token: generated query values never give a server error, and every answer conforms to the schema.

The schema is the one /api/v1/openapi.json serves (read from the API object, so collecting the tests
needs no database). The edition in the path is always a real one, so the filters are exercised;
arbitrary path values are the fuzz test's (tests/security/test_fuzz_api.py)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from academy.accounts.models import ApiToken, Role
from academy.api.main import api
from tests import factories
from tests.applications import screening_factories as sf
from tests.reviews import builders
from tests.security.forms import bounded

pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()  # every request (schemathesis' own re-checks too) goes to the WSGI app
TOKEN = "ba_schemathesis-organiser-token"  # stored by the fixture; fixed, so schemathesis may cache it


@schema.auth()
class OrganiserToken:
    """Schemathesis sets the token itself, so that its own checks can also try without one or a wrong one."""

    def get(self, case, context):
        return TOKEN

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """The WSGI handler closes the database connection after each request; Django's test client turns that
    off, and so must a test that calls the WSGI application itself (else PostgreSQL loses the test's data)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def organised(db, wsgi_keeps_the_test_connection):
    """An edition with submitted applications and a review, and its organiser's token."""
    edition = builders.edition()
    for country in ("DE", "PT"):
        builders.application(edition, country=country)
    sf.application(edition, status="draft", name="Dora Draft", email="dora@example.org")
    organiser = factories.with_role(Role.ORGANISER, edition)
    ApiToken.objects.create(user=organiser, prefix=TOKEN[3:11], key_hash=ApiToken.hash(TOKEN))
    return edition


@schema.parametrize()
@bounded(40)
def test_the_api_conforms_to_its_schema_and_never_fails(case, organised):
    edition = organised
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = edition.slug
    response = case.call()
    assert response.status_code < 500, response.text[:500]
    case.validate_response(response)

"""The REST API: bearer tokens, who may read which edition, the applications with the list's filters,
and the OpenAPI schema."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from academy.accounts.models import ApiToken, AuditEntry, Role
from academy.accounts.services import create_api_token
from academy.api.main import api
from academy.applications.models import Status
from tests import factories
from tests.applications import screening_factories as sf

pytestmark = pytest.mark.django_db


def get(client, path, token=None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(path, params, headers=headers)


def apps_path(edition):
    return f"/api/v1/editions/{edition.slug}/applications/"


@pytest.fixture
def organiser_token(edition):
    return create_api_token(factories.with_role(Role.ORGANISER, edition))


def test_no_token_is_unauthorised(client, edition):
    for path in ("/api/v1/editions/", apps_path(edition)):
        response = get(client, path)
        assert response.status_code == 401 and response.json() == {"detail": "Unauthorized"}


def test_a_wrong_or_revoked_token_is_unauthorised(client, edition, organiser_token):
    assert get(client, apps_path(edition), "ba_not-a-real-token").status_code == 401
    ApiToken.objects.update(revoked_at=timezone.now())
    assert get(client, apps_path(edition), organiser_token).status_code == 401


def test_a_session_is_not_a_token(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    assert get(client, apps_path(edition)).status_code == 401


@pytest.mark.parametrize("kind", ["other-organiser", "reviewer", "coach"])
def test_others_get_a_clear_refusal(client, edition, kind):
    holder = (
        factories.with_role(Role.ORGANISER, factories.edition())
        if kind == "other-organiser"
        else factories.with_role(Role(kind), edition)
    )
    sf.application(edition)
    response = get(client, apps_path(edition), create_api_token(holder))
    assert response.status_code == 403
    assert response.json() == {"detail": f"Your token does not belong to an organiser of the edition {edition.slug}."}


def test_an_unknown_edition_is_not_found(client, organiser_token):
    assert get(client, "/api/v1/editions/no-such-edition/applications/", organiser_token).status_code == 404


def test_an_organiser_lists_only_the_editions_they_organise(client, edition, organiser_token):
    factories.edition()
    response = get(client, "/api/v1/editions/", organiser_token)
    assert response.status_code == 200
    [row] = response.json()
    assert row["slug"] == edition.slug and row["time_zone"] == "Europe/Brussels"
    assert row["deadline"].startswith(f"{edition.application_deadline.isoformat()}T23:59:59")


def test_a_platform_admin_sees_every_edition_and_its_applications(client, edition):
    other = factories.edition()
    sf.application(other, name="Elsewhere")
    token = create_api_token(factories.admin())
    slugs = {row["slug"] for row in get(client, "/api/v1/editions/", token).json()}
    assert {edition.slug, other.slug} <= slugs
    assert [a["name"] for a in get(client, apps_path(other), token).json()["items"]] == ["Elsewhere"]


def test_an_organiser_reads_the_applications_with_answers(client, edition, organiser_token):
    sf.questions(edition)
    sf.application(edition, name="Ana", email="ana@example.org", country="PT", answers={"motivation": "Learn"})
    sf.application(factories.edition(), name="Elsewhere")
    body = get(client, apps_path(edition), organiser_token).json()
    assert body["count"] == 1 and body["limit"] == 50 and body["offset"] == 0
    [item] = body["items"]
    assert item["name"] == "Ana" and item["email"] == "ana@example.org" and item["status"] == "submitted"
    assert item["organisation"]["country"] == "PT" and item["answers"] == {"motivation": "Learn"}


def test_filters_and_paging_match_the_list(client, edition, organiser_token):
    sf.application(edition, name="Lisbon", country="PT")
    sf.application(edition, name="Porto", country="PT")
    sf.application(edition, name="Draft", country="PT", status=Status.DRAFT)
    sf.application(edition, name="Berlin", country="DE")
    body = get(
        client, apps_path(edition), organiser_token, country="PT", status="submitted", sort="name", limit=1
    ).json()
    assert body["count"] == 2 and [a["name"] for a in body["items"]] == ["Lisbon"]
    entry = AuditEntry.objects.get(action="applications.exported")
    assert entry.data == {
        "format": "api",
        "filters": {"country": "PT", "status": "submitted", "sort": "name"},
        "offset": 0,
    }
    body = get(
        client, apps_path(edition), organiser_token, country="PT", status="submitted", sort="name", limit=1, offset=1
    ).json()
    assert [a["name"] for a in body["items"]] == ["Porto"]


@pytest.mark.parametrize(
    "params", [{"status": "bogus"}, {"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"sort": "email"}]
)
def test_bad_parameters_are_refused_with_details(client, edition, organiser_token, params):
    response = get(client, apps_path(edition), organiser_token, **params)
    assert response.status_code == 422 and response.json()["detail"]


def test_the_openapi_schema_lists_both_paths_and_the_bearer_scheme(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert {"/api/v1/editions/", "/api/v1/editions/{slug}/applications/"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}


def test_every_api_operation_requires_a_token():
    """The URL patterns mark API views "api-token" for the project's access test; this holds them to it."""
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    operations = [(path, method, op) for path, methods in schema["paths"].items() for method, op in methods.items()]
    assert operations
    assert [(p, m) for p, m, op in operations if op.get("security") != [{"BearerToken": []}]] == []


def test_the_token_command_prints_a_token_that_works(client, edition, capsys):
    person = factories.with_role(Role.ORGANISER, edition)
    call_command("token", "create", person.email)
    token = capsys.readouterr().out.strip()
    assert get(client, "/api/v1/editions/", token).status_code == 200


def test_the_applications_endpoint_runs_the_same_number_of_queries_at_10_and_300(
    client, edition, organiser_token, django_assert_num_queries
):
    sf.many_applications(edition, 10)
    with CaptureQueriesContext(connection) as small:
        assert len(get(client, apps_path(edition), organiser_token, limit=500).json()["items"]) == 10
    sf.many_applications(edition, 290)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(get(client, apps_path(edition), organiser_token, limit=500).json()["items"]) == 300

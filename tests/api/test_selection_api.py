"""GET /api/v1/editions/<slug>/selection/: the adopted run as {instance, result}, for organisers only."""

import pytest

from academy.accounts.models import Role
from academy.accounts.services import create_api_token
from academy.selection import offers, runs
from tests import factories
from tests.selection import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    made = builders.edition(min_participants=2, max_participants=3)
    builders.pool(
        made, [(90, "DE", "Under 3 years"), (80, "FR", "3–5 years"), (70, "IT", "3–5 years"), (60, "PT", "6–10 years")]
    )
    return made


@pytest.fixture
def organiser(edition):
    return factories.with_role(Role.ORGANISER, edition)


def path(edition):
    return f"/api/v1/editions/{edition.slug}/selection/"


def get(client, url, token=None):
    return client.get(url, headers={"Authorization": f"Bearer {token}"} if token else {})


def adopted(edition, organiser, capture):
    with capture(execute=True):
        run = runs.start_run(edition, by=organiser, seed=6)
    run.refresh_from_db()
    offers.adopt(run, by=organiser)
    run.refresh_from_db()
    return run


def test_no_token_is_unauthorised(client, edition):
    assert get(client, path(edition)).status_code == 401


@pytest.mark.parametrize("kind", ["reviewer", "coach", "other-organiser"])
def test_other_roles_and_editions_are_refused(client, edition, organiser, kind, django_capture_on_commit_callbacks):
    adopted(edition, organiser, django_capture_on_commit_callbacks)
    holder = (
        factories.with_role(Role.ORGANISER, factories.edition())
        if kind == "other-organiser"
        else factories.with_role(Role(kind), edition)
    )
    response = get(client, path(edition), create_api_token(holder))
    assert response.status_code == 403
    assert "does not belong to an organiser of the edition" in response.json()["detail"]


def test_no_adopted_run_is_a_404_with_a_message(client, edition, organiser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        runs.start_run(edition, by=organiser, seed=1)  # done, but not adopted
    response = get(client, path(edition), create_api_token(organiser))
    assert response.status_code == 404
    assert response.json() == {"detail": f"No selection run is adopted for the edition {edition.slug} yet."}
    assert get(client, "/api/v1/editions/nope/selection/", create_api_token(organiser)).status_code == 404


def test_the_adopted_run_comes_as_instance_and_result(client, edition, organiser, django_capture_on_commit_callbacks):
    run = adopted(edition, organiser, django_capture_on_commit_callbacks)
    response = get(client, path(edition), create_api_token(organiser))
    assert response.status_code == 200
    data = response.json()
    assert data == {"instance": run.instance, "result": run.result}
    assert set(data["instance"]) == {"min_size", "max_size", "rules", "candidates"}
    assert data["result"]["status"] == "optimal" and len(data["result"]["selected"]) == 3


def test_the_schema_lists_the_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/editions/{slug}/selection/" in schema["paths"]

"""GET /api/v1/editions/{slug}/completion/: organisers only, the same outcomes as the completion page."""

import pytest

from academy.accounts.models import AuditEntry, Role
from academy.accounts.services import create_api_token
from academy.completion import certificates
from academy.completion.rule import evaluate_one
from tests import factories
from tests.completion import helpers
from tests.programme import factories as programme

pytestmark = pytest.mark.django_db


def path(edition):
    return f"/api/v1/editions/{edition.slug}/completion/"


def get(client, edition, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(path(edition), headers=headers)


def test_no_token_is_unauthorised(client, edition):
    assert get(client, edition).status_code == 401


@pytest.mark.parametrize("role", [Role.COACH, Role.REVIEWER])
def test_coaches_reviewers_and_other_organisers_are_refused(client, edition, role):
    assert get(client, edition, create_api_token(factories.with_role(role, edition))).status_code == 403
    other = factories.with_role(Role.ORGANISER, factories.edition())
    assert get(client, edition, create_api_token(other)).status_code == 403


def test_an_organiser_reads_each_participants_outcome_and_certificate(client, edition):
    days, work = helpers.programme_of(edition), helpers.assignment(edition)
    done = helpers.complete(programme.participant(edition, full_name="Inês Costa"), days, [work])
    programme.participant(edition, full_name="Absent Person")
    certificate = certificates.issue(evaluate_one(done, now=helpers.NOW), mail=False)[0]
    organiser = factories.with_role(Role.ORGANISER, edition)
    response = get(client, edition, create_api_token(organiser))
    assert response.status_code == 200
    absent, costa = response.json()
    assert (costa["name"], costa["meets_rule"], costa["hours_attended"]) == ("Inês Costa", True, 9.0)
    assert costa["certificate"]["code"] == certificate.code and costa["certificate"]["revoked_at"] is None
    assert not absent["completes"] and "absent on 1 Dec 2022" in absent["reasons"]
    assert absent["certificate"] is None
    assert AuditEntry.objects.filter(action="completion.exported", actor=organiser).exists()

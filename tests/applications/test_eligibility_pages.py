"""Eligibility as people see it: on the call page, with reasons and what to do; organisers override a
failed rule for one person with a written reason, kept in the audit log."""

import pytest

from academy.accounts.models import AuditEntry
from academy.applications import eligibility, services
from academy.applications.models import Application, EligibilityOverride
from academy.mail.models import OutboxMessage
from academy.registry.models import RegistryRole
from tests import factories

pytestmark = pytest.mark.django_db


def call_page(client, edition):
    return client.get(f"/editions/{edition.slug}/").content.decode()


def test_a_visitor_is_invited_to_sign_up_to_apply(client, during_call, edition):
    page = call_page(client, edition)
    assert "Sign up to apply" in page and f"next=/editions/{edition.slug}/apply/" in page


def test_an_eligible_manager_reads_you_can_apply_and_can_start(client, during_call, edition, applicant):
    client.force_login(applicant)
    page = call_page(client, edition)
    assert "You can apply" in page and "manager in charge of <strong>Cluster" in page and "Portugal" in page
    assert "Start your application" in page
    response = client.post(f"/editions/{edition.slug}/apply/start/")
    assert response.status_code == 302 and Application.objects.filter(applicant=applicant).exists()
    assert "Open your application" in call_page(client, edition)


def test_a_person_not_on_the_registry_is_told_so(client, during_call, edition):
    client.force_login(factories.user("nobody@example.org"))
    page = call_page(client, edition)
    assert "You cannot apply yet" in page
    assert "nobody@example.org is not registered on the cluster registry" in page


def test_staff_are_told_the_edition_is_for_the_manager_in_charge(client, during_call, edition):
    staff = factories.user("sven@example.org")
    factories.registered(staff.email, role=RegistryRole.STAFF, country="SE")
    client.force_login(staff)
    assert "open only to the manager in charge" in call_page(client, edition)


def test_a_manager_in_a_country_outside_the_edition_is_told_which(client, during_call, edition):
    outsider = factories.user("otto@example.org")
    factories.registered(outsider.email, country="CH")
    client.force_login(outsider)
    page = call_page(client, edition)
    assert "is in Switzerland, which is not an EU member state" in page


def test_after_the_call_the_box_says_it_is_closed(client, edition, applicant):
    client.force_login(applicant)
    page = call_page(client, edition)  # today is long after 31 October 2022
    assert "Applications to this edition are closed." in page and "Start your application" not in page


def test_an_organiser_overrides_a_rule_with_a_reason_and_it_is_audited(client, during_call, edition):
    outsider = factories.user("otto@example.org")
    factories.registered(outsider.email, country="CH")
    draft = services.start_application(outsider, edition)
    assert draft.is_eligible is False
    organiser = factories.with_role("organiser", edition)
    client.force_login(organiser)
    response = client.post(
        f"/orga/{edition.slug}/eligibility/",
        {"email": "OTTO@example.org", "rule": "country", "reason": "Swiss pilot agreed with DG GROW", "notify": "on"},
    )
    assert response.status_code == 302
    told = OutboxMessage.objects.get(purpose="eligibility_override")
    assert told.to_email == "otto@example.org" and "Swiss pilot agreed with DG GROW" in told.body
    assert f"/editions/{edition.slug}/apply/" in told.body
    assert eligibility.check(outsider, edition).eligible
    entry = AuditEntry.objects.get(action="eligibility.override")
    assert entry.actor == organiser and entry.data == {"rule": "country", "reason": "Swiss pilot agreed with DG GROW"}
    draft.refresh_from_db()
    assert draft.is_eligible is True
    page = client.get(f"/orga/{edition.slug}/eligibility/").content.decode()
    assert "Swiss pilot agreed with DG GROW" in page


def test_an_override_needs_an_account_and_a_reason(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    response = client.post(
        f"/orga/{edition.slug}/eligibility/", {"email": "ghost@example.org", "rule": "country", "reason": "x"}
    )
    assert response.status_code == 400 and "No one has signed up with this address" in response.content.decode()
    response = client.post(f"/orga/{edition.slug}/eligibility/", {"email": "ghost@example.org", "rule": "country"})
    assert response.status_code == 400
    assert not EligibilityOverride.objects.exists()


def test_an_organiser_can_check_a_person_and_remove_an_override(client, edition):
    outsider = factories.user("otto@example.org")
    factories.registered(outsider.email, country="CH")
    organiser = factories.with_role("organiser", edition)
    services.grant_override(edition, outsider, "country", "Pilot", by=organiser)
    client.force_login(organiser)
    page = client.get(f"/orga/{edition.slug}/eligibility/?check=otto@example.org").content.decode()
    assert "You can apply" in page and "Pilot" in page
    override = EligibilityOverride.objects.get()
    assert not OutboxMessage.objects.exists()  # granted without `notify`: nobody was mailed
    client.post(f"/orga/{edition.slug}/eligibility/{override.pk}/revoke/")
    assert not eligibility.check(outsider, edition).eligible
    assert AuditEntry.objects.filter(action="eligibility.override_revoked").exists()


@pytest.mark.parametrize("role", ["reviewer", "coach"])
def test_reviewers_coaches_and_other_editions_organisers_cannot_override(client, edition, role):
    person = factories.user("otto@example.org")
    for intruder in (factories.with_role(role, edition), factories.with_role("organiser", factories.edition())):
        client.force_login(intruder)
        response = client.post(
            f"/orga/{edition.slug}/eligibility/", {"email": person.email, "rule": "country", "reason": "x"}
        )
        assert response.status_code == 403
    assert not EligibilityOverride.objects.exists()

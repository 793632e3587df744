import pytest

from academy.accounts.models import AuditEntry
from academy.applications import eligibility
from academy.applications.models import Application, EligibilityOverride, EligibilityRule, Status
from academy.applications.status import InvalidTransition, change_status
from academy.registry.models import RegisteredPerson, RegistryRole
from tests import factories


@pytest.fixture
def application(edition, person):
    return Application.objects.create(edition=edition, applicant=person)


@pytest.mark.django_db
def test_legal_transition_is_saved_and_audited(application, person):
    change_status(application, Status.SUBMITTED, by=person)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    entry = AuditEntry.objects.get(action="application.status")
    assert entry.data["old"] == "draft" and entry.data["new"] == "submitted" and entry.actor == person


@pytest.mark.django_db
def test_rejected_cannot_become_confirmed(application, person):
    Application.objects.filter(pk=application.pk).update(status=Status.NOT_SELECTED)
    application.refresh_from_db()
    with pytest.raises(InvalidTransition, match="Not selected to Confirmed"):
        change_status(application, Status.CONFIRMED, by=person)
    application.refresh_from_db()
    assert application.status == Status.NOT_SELECTED
    assert not AuditEntry.objects.filter(action="application.status").exists()


@pytest.mark.django_db
def test_waitlisted_can_be_offered(application, person):
    Application.objects.filter(pk=application.pk).update(status=Status.WAITLISTED)
    change_status(application, Status.OFFERED, by=person)
    assert Application.objects.get(pk=application.pk).status == Status.OFFERED


@pytest.mark.django_db
def test_manager_in_an_eligible_country_is_eligible(edition, person):
    factories.registered(person.email, country="PT")
    verdict = eligibility.check(person, edition)
    assert verdict.eligible and verdict.organisation.country.code == "PT"


@pytest.mark.django_db
def test_the_registry_address_matches_whatever_its_case(edition, person):
    """A bulk insert (the registry import) skips save(), which lower-cases: a mixed-case address still matches,
    and the user's address may be mixed-case too."""
    RegisteredPerson.objects.bulk_create(
        [
            RegisteredPerson(
                organisation=factories.organisation(country="PT"),
                email=person.email.upper(),
                name="P",
                role=RegistryRole.MANAGER,
            )
        ]
    )
    verdict = eligibility.check(person, edition)
    assert verdict.eligible and verdict.organisation.country.code == "PT"
    person.email = person.email.title()
    assert eligibility.check(person, edition).eligible


@pytest.mark.django_db
def test_not_registered_is_told_so(edition, person):
    verdict = eligibility.check(person, edition)
    assert not verdict.eligible
    assert [rule for rule, _ in verdict.failed] == [EligibilityRule.REGISTERED]
    assert "not registered on the cluster registry" in verdict.failed[0][1]


@pytest.mark.django_db
def test_staff_is_not_eligible_unless_the_edition_admits_staff(edition, person):
    factories.registered(person.email, role=RegistryRole.STAFF, country="SE")
    assert [rule for rule, _ in eligibility.check(person, edition).failed] == [EligibilityRule.MANAGER]
    edition.admit_staff = True
    assert eligibility.check(person, edition).eligible


@pytest.mark.django_db
def test_country_outside_the_edition_list_is_named(edition, person):
    factories.registered(person.email, country="CH")
    verdict = eligibility.check(person, edition)
    assert [rule for rule, _ in verdict.failed] == [EligibilityRule.COUNTRY]
    assert "Switzerland" in verdict.failed[0][1]


@pytest.mark.django_db
def test_the_best_of_several_registrations_counts(edition, person):
    factories.registered(person.email, role=RegistryRole.STAFF, country="DE")
    factories.registered(person.email, role=RegistryRole.MANAGER, country="FR")
    assert eligibility.check(person, edition).organisation.country.code == "FR"


@pytest.mark.django_db
def test_an_override_lets_one_rule_pass_for_one_person(edition, person):
    factories.registered(person.email, country="CH")
    organiser = factories.with_role("organiser", edition)
    EligibilityOverride.objects.create(
        edition=edition, person=person, rule=EligibilityRule.COUNTRY, reason="Swiss pilot", granted_by=organiser
    )
    verdict = eligibility.check(person, edition)
    assert verdict.eligible and verdict.overridden == [(EligibilityRule.COUNTRY, "Swiss pilot")]
    other = factories.user()
    factories.registered(other.email, country="CH")
    assert not eligibility.check(other, edition).eligible

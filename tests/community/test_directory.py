"""The cohort directory: consent first, only the chosen fields, only for the edition's people."""

import pytest

from academy.accounts.models import AuditEntry, Role
from academy.applications.models import Status
from academy.community import directory
from academy.community.models import DirectoryEntry
from tests import factories

from . import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(edition):
    return helpers.member(edition, full_name="Ana Sousa", country="PT")


@pytest.fixture
def ben(edition):
    return helpers.member(edition, full_name="Ben Vogel", country="DE")


def url(edition, tail=""):
    return f"/me/editions/{edition.slug}/directory/{tail}"


def main(response):
    """The page's main content, without the header that names the signed-in person."""
    return response.content.decode().partition('<main id="main"')[2].partition("</main>")[0]


def test_only_consenting_participants_appear_with_only_the_fields_they_chose(client, edition, ana, ben):
    directory.opt_in(ana, by=ana.applicant, share_organisation=False, share_country=True, share_email=True, phone="")
    client.force_login(ben.applicant)
    page = main(client.get(url(edition)))
    assert "Ana Sousa" in page and "Portugal" in page and ana.applicant.email in page
    assert ana.organisation.name not in page
    assert "Ben Vogel" not in page  # Ben has not joined


def test_joining_through_the_form_needs_the_consent_box_and_is_audited(client, edition, ana):
    client.force_login(ana.applicant)
    form = {"share_organisation": "on", "bio": "I run a health cluster.", "phone": "+351 21 000 0000"}
    response = client.post(url(edition, "me/"), form)
    assert response.status_code == 400 and "Tick this box to appear in the directory." in response.content.decode()
    assert "I run a health cluster." in response.content.decode()  # what was typed is kept
    assert not DirectoryEntry.objects.exists()
    page = main(client.post(url(edition, "me/"), form | {"consent": "on"}, follow=True))
    assert "I run a health cluster." in page and "+351 21 000 0000" in page and ana.organisation.name in page
    assert "Portugal" not in page
    entry = AuditEntry.objects.get(action="directory.consent_given", object_id=str(ana.pk))
    assert entry.data["shared"] == ["organisation", "bio", "phone"]
    assert "+351" not in str(entry.data)


def test_withdrawing_consent_hides_the_person_at_once_and_deletes_what_they_shared(client, edition, ana, ben):
    directory.opt_in(ana, by=ana.applicant, share_organisation=True, share_country=True, bio="Hello from Lisbon.")
    client.force_login(ben.applicant)
    assert "Ana Sousa" in main(client.get(url(edition)))
    client.force_login(ana.applicant)
    client.post(url(edition, "withdraw/"))
    assert not DirectoryEntry.objects.filter(application=ana).exists()
    assert AuditEntry.objects.filter(action="directory.consent_withdrawn", object_id=str(ana.pk)).exists()
    client.force_login(ben.applicant)
    page = main(client.get(url(edition)))
    assert "Ana Sousa" not in page and "Hello from Lisbon." not in page


def test_a_participant_who_leaves_the_cohort_leaves_the_directory(client, edition, ana, ben):
    directory.opt_in(ana, by=ana.applicant, share_country=True)
    ana.status = Status.DECLINED
    ana.save()
    assert [row.name for row in directory.listing(edition)] == []


def test_coaches_and_organisers_of_the_edition_see_it_and_nobody_else_does(client, edition, ana):
    directory.opt_in(ana, by=ana.applicant, share_country=True)
    other = factories.edition()
    for person in (factories.with_role(Role.COACH, edition), factories.with_role(Role.ORGANISER, edition)):
        client.force_login(person)
        assert "Ana Sousa" in main(client.get(url(edition)))
    for person in (
        factories.with_role(Role.ORGANISER, other),
        factories.with_role(Role.REVIEWER, edition),
        helpers.member(other).applicant,
        helpers.member(edition, status=Status.WAITLISTED).applicant,
    ):
        client.force_login(person)
        assert client.get(url(edition)).status_code == 403
    client.logout()
    assert client.get(url(edition)).status_code == 302


def test_only_participants_manage_an_entry_and_only_their_own(client, edition, ana):
    organiser = factories.with_role(Role.ORGANISER, edition)
    client.force_login(organiser)
    assert client.get(url(edition, "me/")).status_code == 403
    assert client.post(url(edition, "me/"), {"consent": "on"}).status_code == 403
    directory.opt_in(ana, by=ana.applicant, share_country=True)
    assert client.post(url(edition, "withdraw/")).status_code == 403
    other = helpers.member(factories.edition())
    client.force_login(other.applicant)
    assert client.post(url(edition, "withdraw/")).status_code == 403
    assert DirectoryEntry.objects.filter(application=ana).exists()


def test_the_directory_keeps_a_constant_number_of_queries(client, edition, ana, django_assert_max_num_queries):
    directory.opt_in(ana, by=ana.applicant, share_country=True)
    client.force_login(ana.applicant)
    with django_assert_max_num_queries(20) as few:
        client.get(url(edition))
    for _ in range(10):
        person = helpers.member(edition)
        directory.opt_in(person, by=person.applicant, share_organisation=True, share_email=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert main(client.get(url(edition))).count("<h2>") == 11


def test_fields_left_out_of_an_opt_in_take_their_defaults(edition, ana):
    entry = directory.opt_in(ana, by=ana.applicant)
    assert (entry.share_organisation, entry.share_email, entry.bio, entry.phone) == (True, False, "", "")
    assert entry.shared_fields == ["organisation", "country"]

"""The edition's privacy notice: versions that never change, the public page, the organiser's page to
publish a new version, and the retention period always worded from the edition's own setting."""

import pytest
from django.urls import reverse

from academy.accounts.models import AuditEntry, Role
from academy.editions.cloning import clone_edition
from academy.privacy import notices
from academy.privacy.models import NoticeIsPublished, PrivacyNotice, RetentionPolicy
from tests import factories

pytestmark = pytest.mark.django_db

TEXT = {
    "controller": "EISMEA, Unit I.02, 1049 Brussels",
    "contact": "privacy@example.org",
    "purpose": "To select the participants.",
    "kept": "Your application.",
    "rights": "Write to us.",
}


def new_text(**changes):
    return TEXT | changes


@pytest.fixture
def organiser(edition):
    return factories.with_role(Role.ORGANISER, edition)


def test_an_edition_without_a_notice_gets_version_1_from_the_default_text(edition):
    notice = notices.current_notice(edition)
    assert notice.version == f"{edition.year}-1" and notice.number == 1
    assert notice.contact == edition.contact_email and edition.academy.name in notice.controller
    assert notices.current_notice(edition).pk == notice.pk  # made once


def test_a_new_text_is_a_new_version_and_the_old_one_stays_as_it_was(edition, organiser):
    first = notices.current_notice(edition)
    second = notices.publish(edition, new_text(), by=organiser)
    assert second.version == f"{edition.year}-2" and notices.current_notice(edition).pk == second.pk
    first.refresh_from_db()
    assert first.controller != TEXT["controller"]
    assert AuditEntry.objects.filter(action="privacy.notice_published", data__version=second.version).exists()


def test_a_published_version_cannot_be_changed_in_place(edition):
    notice = notices.current_notice(edition)
    notice.purpose = "Something else"
    with pytest.raises(NoticeIsPublished):
        notice.save()
    assert PrivacyNotice.objects.get(pk=notice.pk).purpose != "Something else"


def test_the_retention_wording_follows_the_editions_setting(edition):
    assert "anonymised 12 months after the last in-person day" in notices.retention_text(edition)
    policy = RetentionPolicy.objects.create(edition=edition, months=1)
    edition.refresh_from_db()
    text = notices.retention_text(edition)
    assert "anonymised 1 month after the last in-person day" in text
    assert f"on {policy.purge_on.day} {policy.purge_on:%B %Y}" in text


def test_the_public_page_shows_the_current_version_its_retention_and_the_earlier_versions(client, edition, organiser):
    first = notices.current_notice(edition)
    notices.publish(edition, new_text(purpose="To choose the cohort."), by=organiser)
    RetentionPolicy.objects.create(edition=edition, months=24)
    page = client.get(reverse("privacy:notice", args=[edition.slug])).content.decode()
    assert f"Version {edition.year}-2, published" in page
    assert "To choose the cohort." in page and "privacy@example.org" in page
    assert "anonymised 24 months after the last in-person day" in page
    assert f"Version {first.version}, published" in page  # in the list of earlier versions
    assert "two years" not in page


def test_the_call_page_links_to_the_notice(client, edition):
    page = client.get(reverse("editions:call", args=[edition.slug])).content.decode()
    assert reverse("privacy:notice", args=[edition.slug]) in page


def test_an_organiser_publishes_a_new_version_from_the_current_text(client, edition, organiser):
    client.force_login(organiser)
    url = reverse("privacy:write_notice", args=[edition.slug])
    page = client.get(url).content.decode()
    assert notices.current_notice(edition).purpose.split()[0] in page and f"{edition.year}-2" in page
    response = client.post(url, new_text())
    assert response.status_code == 302 and response["Location"] == reverse("privacy:notice", args=[edition.slug])
    assert notices.current_notice(edition).controller == TEXT["controller"]
    assert notices.current_notice(edition).published_by == organiser


def test_a_refused_version_keeps_what_was_typed_and_publishes_nothing(client, edition, organiser):
    client.force_login(organiser)
    before = notices.current_notice(edition)
    response = client.post(
        reverse("privacy:write_notice", args=[edition.slug]),
        new_text(contact="not an address", purpose="My carefully typed purpose"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "My carefully typed purpose" in page and "not an address" in page and "valid email" in page
    assert notices.current_notice(edition).pk == before.pk


def test_publishing_the_same_text_again_is_refused(client, edition, organiser):
    client.force_login(organiser)
    current = notices.current_notice(edition)
    unchanged = {name: getattr(current, name) for name in notices.TEXT_FIELDS}
    response = client.post(reverse("privacy:write_notice", args=[edition.slug]), unchanged)
    assert response.status_code == 400 and "Nothing has changed" in response.content.decode()
    assert PrivacyNotice.objects.filter(edition=edition).count() == 1


def test_only_the_editions_organisers_may_publish(client, edition):
    other = factories.with_role(Role.ORGANISER, factories.edition())
    client.force_login(other)
    response = client.post(reverse("privacy:write_notice", args=[edition.slug]), new_text())
    assert response.status_code == 403
    client.force_login(factories.user())
    assert client.post(reverse("privacy:write_notice", args=[edition.slug]), new_text()).status_code == 403
    assert not PrivacyNotice.objects.filter(edition=edition, controller=TEXT["controller"]).exists()


def test_the_next_edition_starts_with_the_current_text_as_its_version_1(edition, organiser):
    notices.publish(edition, new_text(purpose=f"To run {edition.name}."), by=organiser)
    target = clone_edition(edition, name="Next one", slug="next-one", by=organiser).target
    copied = notices.current_notice(target)
    assert copied.version == f"{target.year}-1" and copied.controller == TEXT["controller"]
    assert copied.purpose == "To run Next one."


def test_a_new_retention_period_publishes_the_notice_again_so_applicants_agree_to_it(client, edition, organiser):
    client.force_login(organiser)
    first = notices.current_notice(edition)
    url = reverse("privacy:overview", args=[edition.slug])
    client.post(url, {"months": "12"})  # the default again: nothing changed
    assert notices.current_notice(edition).pk == first.pk
    response = client.post(url, {"months": "24"}, follow=True)
    current = notices.current_notice(edition)
    assert current.number == 2 and current.purpose == first.purpose
    assert f"new version {current.version}" in response.content.decode()
    assert "anonymised 24 months" in client.get(reverse("privacy:notice", args=[edition.slug])).content.decode()

"""The reviewer pool: invitations, what they take from the registry, acceptance, and declared conflicts."""

import pytest
from django.core import mail

from academy.accounts.models import AuditEntry, EditionRole, Role
from academy.reviews import pool
from academy.reviews.models import Conflict, ConflictKind, Reviewer
from tests import factories
from tests.reviews import builders

pytestmark = pytest.mark.django_db


def test_an_invitation_takes_the_organisation_and_country_from_the_registry(
    review_edition, django_capture_on_commit_callbacks
):
    registered = factories.registered("marta@cluster.example", country="PT")
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = pool.invite(review_edition, ["Marta@Cluster.example"], by=None)
    assert row.email == "marta@cluster.example"
    assert row.organisation == registered.organisation and row.country.code == "PT"
    assert mail.outbox[0].to == ["marta@cluster.example"]
    assert "Invitation to review applications to" in mail.outbox[0].subject
    assert "14 November 2022" in mail.outbox[0].body


def test_inviting_again_keeps_one_row_and_only_the_newest_link_works(
    review_edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pool.invite(review_edition, ["ivo@example.org"], by=None)
        pool.invite(review_edition, ["ivo@example.org"], by=None)
    assert Reviewer.objects.filter(edition=review_edition).count() == 1
    first, second = (m.body.split("/review/invitations/")[1].split("/")[0] for m in mail.outbox)
    ivo = factories.user("ivo@example.org")
    with pytest.raises(pool.InvitationRefused, match="not valid"):
        pool.accept(first, ivo)
    pool.accept(second, ivo)
    assert EditionRole.objects.filter(user=ivo, edition=review_edition, role=Role.REVIEWER).exists()


def test_accepting_links_the_account_grants_the_role_and_is_audited(review_edition):
    (row,) = pool.invite(review_edition, ["eva@example.org"], by=None)
    token = "known-token"
    Reviewer.objects.filter(pk=row.pk).update(token_hash=Reviewer.hash(token))
    eva = factories.user("eva@example.org")
    pool.accept(token, eva)
    pool.accept(token, eva)  # twice is harmless
    row.refresh_from_db()
    assert row.user == eva and row.accepted_at is not None
    assert AuditEntry.objects.filter(action="reviews.invitation_accepted").count() == 1


def test_the_invite_form_refuses_what_is_not_an_address_and_keeps_the_text(client, review_edition):
    client.force_login(factories.with_role(Role.ORGANISER, review_edition))
    response = client.post(
        f"/orga/{review_edition.slug}/reviews/reviewers/", {"emails": "good@example.org, not-an-address"}
    )
    html = response.content.decode()
    assert response.status_code == 422 and "These are not e-mail addresses: not-an-address" in html
    assert "good@example.org, not-an-address" in html
    assert not Reviewer.objects.exists() and not mail.outbox


def test_declaring_the_same_conflict_twice_keeps_one(review_edition):
    person = builders.reviewer(review_edition)
    for _ in range(2):
        pool.declare_conflict(review_edition, person, kind=ConflictKind.COUNTRY, country="FR", reason="I live there")
    assert Conflict.objects.count() == 1


def test_a_reviewer_withdraws_only_their_own_conflict(client, review_edition):
    mine, theirs = builders.reviewer(review_edition), builders.reviewer(review_edition)
    own = pool.declare_conflict(review_edition, mine, kind=ConflictKind.COUNTRY, country="FR", reason="x")
    other = pool.declare_conflict(review_edition, theirs, kind=ConflictKind.COUNTRY, country="FR", reason="x")
    client.force_login(mine)
    assert client.post(f"/review/{review_edition.slug}/conflicts/{other.pk}/withdraw/").status_code == 404
    client.post(f"/review/{review_edition.slug}/conflicts/{own.pk}/withdraw/")
    assert list(Conflict.objects.all()) == [other]

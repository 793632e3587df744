"""A mail never shows an unfilled placeholder: it is held in the outbox with the reason, never sent, until an
organiser fixes the template and tries it again."""

import pytest
from django.core import mail

from academy.accounts.models import Role
from academy.mail import held, purposes, rendering
from academy.mail.models import OutboxMessage, State
from academy.mail.purposes import sample_context
from academy.mail.sending import send_pending
from academy.mail.services import queue_mail, regenerate, save_template
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(edition):
    return factories.with_role(Role.ORGANISER, edition, "olga@example.org")


def receipt_without_version(edition, email="ana@example.org", **fields):
    context = sample_context(edition)
    del context["version"], context["summary"]
    return queue_mail(purpose="receipt", to_email=email, edition=edition, context=context, **fields)


def test_a_mail_with_a_placeholder_it_cannot_fill_is_held_with_the_reason_and_never_sent(client, edition):
    person = factories.user("ana@example.org")
    row = receipt_without_version(edition, to_user=person)
    row.refresh_from_db()
    assert row.state == State.HELD and row.next_attempt_at is None
    assert "{version}, {summary}" in row.hold_reason and "have no value" in row.hold_reason
    send_pending()
    assert mail.outbox == [] and OutboxMessage.objects.get(pk=row.pk).state == State.HELD
    client.force_login(person)
    assert row.subject not in client.get("/me/mail/").content.decode(), "the reader never sees a held mail"


def test_none_is_no_value_but_an_empty_text_is():
    reason = rendering.unfilled(
        "{edition}", "{explanation}{waitlist_position}", edition=None, to_email="a@b.c", to_name="", context={
            "explanation": "", "waitlist_position": None}
    )  # fmt: skip
    assert reason.startswith("The placeholder {waitlist_position} has no value")


def test_a_draft_whose_new_template_cannot_be_filled_is_held_when_rendered_again(edition, organiser):
    context = sample_context(edition)
    del context["application_url"]  # allowed in a not-selected decision, but this mail has no value for it
    row = queue_mail(purpose="decision_not_selected", to_email="bo@example.org", edition=edition, context=context)
    assert row.state == State.DRAFT
    save_template(edition, "decision_not_selected", subject="{edition}", body="See {application_url}", by=organiser)
    regenerate([row.pk], by=organiser, edition=edition)
    row.refresh_from_db()
    assert row.state == State.HELD and "{application_url}" in row.hold_reason


def test_trying_again_after_the_fix_sends_a_system_mail_and_returns_a_decision_to_the_drafts(edition, organiser):
    system = receipt_without_version(edition)
    context = sample_context(edition)
    del context["application_url"]
    save_template(edition, "decision_not_selected", subject="{edition}", body="See {application_url}", by=organiser)
    decision = queue_mail(purpose="decision_not_selected", to_email="bo@example.org", edition=edition, context=context)
    assert decision.state == State.HELD
    assert held.release_held([system.pk, decision.pk], by=organiser, edition=edition) == (0, 2), "nothing fixed yet"
    assert mail.outbox == []
    receipt = purposes.get("receipt")
    save_template(edition, "receipt", subject=receipt.subject, body="Dear {name}, we received it.", by=organiser)
    save_template(edition, "decision_not_selected", subject="{edition}", body="Thank you, {name}.", by=organiser)
    assert held.release_held([system.pk, decision.pk], by=organiser, edition=edition) == (2, 0)
    system.refresh_from_db()
    decision.refresh_from_db()
    assert system.state == State.SENT and system.hold_reason == "" and "we received it" in mail.outbox[0].body
    assert decision.state == State.DRAFT and decision.body == "Thank you, bo@example.org."


def test_the_outbox_shows_held_mails_with_their_reason_and_tries_them_again(client, edition, organiser):
    row = receipt_without_version(edition)
    client.force_login(organiser)
    page = client.get(f"/orga/{edition.slug}/mail/").content.decode()
    assert "1 mail is held: a placeholder has no value" in page
    assert "The placeholders {version}, {summary} have no value for this mail" in page
    assert f'name="ids" value="{row.pk}"' in page and 'value="release"' in page
    receipt = purposes.get("receipt")
    save_template(edition, "receipt", subject=receipt.subject, body="Dear {name}.", by=organiser)
    response = client.post(
        f"/orga/{edition.slug}/mail/actions/", {"action": "release", "scope": "filtered", "state": "held"}, follow=True
    )
    assert "1 held mail goes on." in response.content.decode()
    assert OutboxMessage.objects.get(pk=row.pk).state == State.SENT


def test_held_mails_can_be_discarded(client, edition, organiser):
    row = receipt_without_version(edition)
    client.force_login(organiser)
    client.post(f"/orga/{edition.slug}/mail/actions/", {"action": "discard", "scope": "selected", "ids": [row.pk]})
    assert OutboxMessage.objects.get(pk=row.pk).state == State.DISCARDED


def test_every_declared_placeholder_has_a_sample_value_so_previews_fill(edition):
    samples = sample_context(edition)
    for purpose in purposes.PURPOSES.values():
        assert set(purpose.placeholders) <= set(samples), purpose.key

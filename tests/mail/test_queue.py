import datetime as dt

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from academy.mail.models import MailTemplate, OutboxMessage, State
from academy.mail.purposes import sample_context
from academy.mail.services import copy_templates, effective_template, queue_mail, save_template
from tests import factories


def receipt(edition, email="ana@example.org", **kwargs):
    return queue_mail(
        purpose="receipt",
        to_email=email,
        edition=edition,
        context=sample_context(edition) | {"application_url": "https://x/a"},
        **kwargs,
    )


@pytest.mark.django_db
def test_a_system_mail_is_queued_and_sent_with_the_message_id_stored_on_its_row(edition):
    row = receipt(edition)
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 1 and row.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id
    assert mail.outbox[0].to == ["ana@example.org"] and mail.outbox[0].reply_to == [edition.contact_email]


@pytest.mark.django_db
def test_the_same_dedupe_key_twice_stores_and_sends_one_mail(edition):
    first = receipt(edition, dedupe_key="receipt:42")
    second = receipt(edition, dedupe_key="receipt:42")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_decision_mails_wait_as_drafts_until_an_organiser_sends_them(edition):
    row = queue_mail(
        purpose="decision_not_selected", to_email="bo@example.org", edition=edition, context=sample_context(edition)
    )
    assert row.state == State.DRAFT and mail.outbox == []
    with pytest.raises(ValueError, match="drafts"):
        queue_mail(
            purpose="decision_offered",
            to_email="bo@example.org",
            edition=edition,
            context=sample_context(edition),
            draft=False,
        )


@pytest.mark.django_db
def test_an_unknown_purpose_is_a_programming_error(edition):
    with pytest.raises(ValueError, match="Unknown mail purpose"):
        queue_mail(purpose="receit", to_email="a@example.org", edition=edition, context={})


@pytest.mark.django_db
def test_related_object_is_stored_like_the_audit_log_does(edition):
    person = factories.user()
    row = receipt(edition, related=person)
    assert (row.related_type, row.related_id) == ("accounts.user", str(person.pk))


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_sends_nothing():
    edition = factories.edition()
    with pytest.raises(RuntimeError), transaction.atomic():
        receipt(edition)
        raise RuntimeError("the caller failed after queueing")
    assert not OutboxMessage.objects.exists() and mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_mail_queued_in_a_transaction_leaves_after_the_commit_in_one_task():
    edition = factories.edition()
    with transaction.atomic():
        for n in range(3):
            receipt(edition, f"p{n}@example.org")
        assert mail.outbox == []
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.org", "p1@example.org", "p2@example.org"]


@pytest.mark.django_db
def test_attachments_are_read_from_storage_at_send_time(edition):
    path = default_storage.save("receipts/test-receipt.pdf", ContentFile(b"%PDF-1.7 receipt"))
    receipt(edition, attachments=[("application.pdf", path, "application/pdf")])
    assert mail.outbox[0].attachments[0].filename == "application.pdf"
    assert mail.outbox[0].attachments[0].content == b"%PDF-1.7 receipt"


@pytest.mark.django_db
def test_a_missing_attachment_fails_the_mail_with_the_reason_shown(edition):
    row = receipt(edition, attachments=[("application.pdf", "receipts/never-written.pdf", "application/pdf")])
    row.refresh_from_db()
    assert row.state == State.FAILED and "application.pdf cannot be read" in row.last_error
    assert mail.outbox == []


# Templates: the edition's own, then the latest earlier edition's, then the built-in default.


@pytest.mark.django_db
def test_an_edition_without_templates_uses_the_built_in_default(edition):
    subject, _body, source = effective_template(edition, "receipt")
    assert source is None and subject == "We received your application to {edition}"


@pytest.mark.django_db
def test_an_edition_falls_back_to_the_latest_earlier_edition_of_its_academy():
    e2021 = factories.edition(deadline=dt.date(2021, 10, 31))
    e2022 = factories.edition(deadline=dt.date(2022, 10, 31), academy=e2021.academy)
    e2023 = factories.edition(deadline=dt.date(2023, 10, 31), academy=e2021.academy)
    other_academy = factories.edition(deadline=dt.date(2022, 12, 1))
    save_template(e2021, "receipt", subject="2021 receipt", body="b")
    save_template(e2022, "receipt", subject="2022 receipt", body="b")
    save_template(other_academy, "receipt", subject="other academy", body="b")
    assert effective_template(e2023, "receipt")[:1] == ("2022 receipt",)
    assert effective_template(e2023, "receipt")[2] == e2022
    assert effective_template(e2021, "receipt")[0] == "2021 receipt"
    save_template(e2023, "receipt", subject="2023 receipt", body="b")
    assert effective_template(e2023, "receipt")[0] == "2023 receipt"


@pytest.mark.django_db
def test_copy_templates_starts_a_new_edition_from_the_previous_one_and_keeps_its_own():
    old = factories.edition(deadline=dt.date(2022, 10, 31))
    new = factories.edition(deadline=dt.date(2023, 10, 31))
    save_template(old, "receipt", subject="Old receipt", body="b")
    save_template(old, "certificate", subject="Old certificate", body="b")
    save_template(new, "certificate", subject="New certificate", body="b")
    assert copy_templates(old, new) == 1
    assert dict(MailTemplate.objects.filter(edition=new).values_list("purpose", "subject")) == {
        "receipt": "Old receipt",
        "certificate": "New certificate",
    }
    copy_templates(old, new, overwrite=True)
    assert MailTemplate.objects.get(edition=new, purpose="certificate").subject == "Old certificate"


# allauth's mails are system mails of the outbox.


@pytest.mark.django_db
def test_password_reset_goes_through_the_outbox_and_its_link_is_not_kept_once_sent(client):
    factories.user("ana@example.org")
    client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    row = OutboxMessage.objects.get(purpose="account")
    assert row.state == State.SENT and row.edition is None and row.to_user.email == "ana@example.org"
    assert "password/reset/key" in mail.outbox[0].body
    assert "password/reset/key" not in row.body and row.context == {}
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id

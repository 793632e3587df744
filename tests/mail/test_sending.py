"""Sending through a real SMTP server on loopback: temporary and permanent failures, retries, stale rows."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from academy.mail import sending
from academy.mail.models import OutboxMessage, State
from academy.mail.purposes import sample_context
from academy.mail.services import queue_mail


def queue(edition, email):
    return queue_mail(
        purpose="receipt",
        to_email=email,
        edition=edition,
        context=sample_context(edition) | {"application_url": "https://x"},
    )


@pytest.mark.django_db
def test_the_smtp_server_receives_the_rendered_mail_with_its_message_id(edition, smtp_sink):
    row = queue(edition, "ana@example.org")
    row.refresh_from_db()
    assert row.state == State.SENT
    assert smtp_sink.received == [(row.message_id, "ana@example.org", row.subject)]


@pytest.mark.django_db
def test_a_temporary_refusal_is_retried_later_with_back_off(edition, smtp_sink):
    row = queue(edition, "later@example.org")
    row.refresh_from_db()
    assert row.state == State.QUEUED and row.attempts == 1
    assert row.last_error.startswith("later@example.org: 451")
    assert row.next_attempt_at - timezone.now() > dt.timedelta(seconds=50)
    assert sending.send_pending() == {"sent": 0, "retry": 0, "failed": 0, "offline": 0}  # not due yet
    with time_machine.travel(row.next_attempt_at + dt.timedelta(seconds=1)):
        sending.send_pending()
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at - row.created_at > dt.timedelta(minutes=3)


@pytest.mark.django_db
def test_a_permanent_refusal_fails_with_the_servers_words(edition, smtp_sink):
    row = queue(edition, "nobody@example.org")
    row.refresh_from_db()
    assert row.state == State.FAILED and "550 5.1.1 No such user" in row.last_error
    assert smtp_sink.received == []


@pytest.mark.django_db
def test_one_bad_recipient_does_not_hold_up_the_others(edition, smtp_sink):
    rows = [queue(edition, e) for e in ("nobody@example.org", "ana@example.org", "bo@example.org")]
    states = dict(OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).values_list("to_email", "state"))
    assert states == {"nobody@example.org": "failed", "ana@example.org": "sent", "bo@example.org": "sent"}


@pytest.mark.django_db
def test_an_unreachable_server_leaves_every_mail_queued_for_later(edition):
    dead = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
    }
    with override_settings(MAILERS={"default": dead}):
        rows = [queue(edition, f"p{n}@example.org") for n in range(3)]
    for row in rows:
        row.refresh_from_db()
        assert row.state == State.QUEUED and row.next_attempt_at > timezone.now()
    assert "Connection refused" in rows[0].last_error or "Errno" in rows[0].last_error


@pytest.mark.django_db
def test_after_the_last_attempt_a_temporary_failure_becomes_permanent(edition, smtp_sink):
    with override_settings(MAIL_MAX_ATTEMPTS=2):
        row = queue(edition, "later@example.org")
        with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
            sending.send_pending()
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == 2 and row.last_error.startswith("Gave up after 2 attempts")


@pytest.mark.django_db
def test_a_row_left_in_sending_is_taken_again_only_after_the_timeout(edition, smtp_sink):
    row = queue_mail(
        purpose="decision_offered", to_email="ana@example.org", edition=edition, context=sample_context(edition)
    )
    claimed_at = timezone.now()
    OutboxMessage.objects.filter(pk=row.pk).update(
        state=State.SENDING, claimed_at=claimed_at, claim="dead-worker", attempts=1
    )
    with override_settings(MAIL_SENDING_TIMEOUT=600):
        with time_machine.travel(claimed_at + dt.timedelta(seconds=599)):
            assert sending.send_pending()["sent"] == 0
        with time_machine.travel(claimed_at + dt.timedelta(seconds=601)):
            assert sending.send_pending()["sent"] == 1
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 2
    assert [m[0] for m in smtp_sink.received] == [row.message_id]


@pytest.mark.django_db
def test_account_mails_are_claimed_before_bulk_mail(edition):
    bulk = [
        queue_mail(purpose="message", to_email=f"p{n}@example.org", edition=edition, context={}, draft=True)
        for n in range(3)
    ]
    OutboxMessage.objects.filter(pk__in=[r.pk for r in bulk]).update(state=State.QUEUED, next_attempt_at=timezone.now())
    account = OutboxMessage.objects.create(
        purpose="account",
        to_email="new@example.org",
        subject="s",
        body="b",
        message_id="<a@x>",
        next_attempt_at=timezone.now(),
        priority=0,
    )
    claimed = sending.claim(2, token="t")
    assert claimed[0].pk == account.pk and len(claimed) == 2


def test_failures_are_classified_temporary_or_permanent():
    import smtplib

    class ProviderError(Exception):
        def __init__(self, status_code):
            self.status_code = status_code

    assert sending.classify(smtplib.SMTPRecipientsRefused({"a@x": (452, b"full")})) == (True, False)
    assert sending.classify(smtplib.SMTPDataError(554, b"rejected")) == (False, False)
    assert sending.classify(smtplib.SMTPServerDisconnected()) == (True, True)
    assert sending.classify(smtplib.SMTPAuthenticationError(535, b"bad credentials")) == (True, True)
    assert sending.classify(ConnectionRefusedError()) == (True, True)
    assert sending.classify(ProviderError(503)) == (True, False)
    assert sending.classify(ProviderError(429)) == (True, False)
    assert sending.classify(ProviderError(400)) == (False, False)
    assert sending.classify(ValueError("Invalid address")) == (False, False)


def test_back_off_doubles_up_to_six_hours():
    assert [sending.backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert sending.backoff(20) == dt.timedelta(hours=6)


@pytest.mark.django_db
def test_an_unexpected_failure_is_shown_in_words_not_as_the_exception(edition, monkeypatch):
    def broken(row):
        raise ValueError("codec can't encode character '\\udc80'")

    monkeypatch.setattr(sending, "build_message", broken)
    row = queue(edition, "ana@example.org")
    row.refresh_from_db()
    assert row.state == State.FAILED and row.last_error.startswith("Something went wrong on our side while sending")
    assert "ValueError" not in row.last_error and "codec" not in row.last_error

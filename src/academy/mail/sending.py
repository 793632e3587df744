"""Sending the outbox: claim rows, commit, hand each to the mailer, record the outcome.

The order is what makes it reliable:
1. claim a few rows (queued and due, or left in `sending` past MAIL_SENDING_TIMEOUT by a dead
   worker) in one short transaction: PostgreSQL skips rows another worker holds
   (SELECT … FOR UPDATE SKIP LOCKED), SQLite serialises writers (BEGIN IMMEDIATE); mark them
   `sending` with an attempt count and COMMIT;
2. hand one message to the mailer, outside any transaction;
3. mark that one row `sent` at once (a commit per row keeps the unrecorded window to one mail).
A worker killed between 2 and 3 leaves one row in `sending`: it is sent again after the timeout,
with the Message-ID stored on the row, so mail clients fold the two. That window is the one SMTP
cannot close; there is no other way to send a mail twice.
"""

import contextlib
import datetime as dt
import logging
import smtplib
from email.utils import formataddr

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from academy.failures import in_words

from .models import OutboxMessage, State

logger = logging.getLogger(__name__)

CHUNK = 20
REDACTED = "(Removed once sent: this mail held a one-time link.)"


def sending_timeout():
    return dt.timedelta(seconds=getattr(settings, "MAIL_SENDING_TIMEOUT", 600))


def max_attempts():
    return getattr(settings, "MAIL_MAX_ATTEMPTS", 8)


def backoff(attempts):
    """Wait before the next try: 1, 2, 4, … minutes after the 1st, 2nd, 3rd failure, at most 6 hours."""
    base = getattr(settings, "MAIL_RETRY_BASE", 60)
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def claimable(now=None):
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        Q(state=State.QUEUED, next_attempt_at__lte=now) | Q(state=State.SENDING, claimed_at__lt=now - sending_timeout())
    )


def claim(limit, *, token, now=None):
    """Mark up to `limit` due rows as sending under `token`; committed when this returns."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            claimable(now)
            .order_by("priority", "id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:limit]
        )
        if ids:
            OutboxMessage.objects.filter(id__in=ids).update(
                state=State.SENDING, claimed_at=now, claim=token, attempts=F("attempts") + 1
            )
    if not ids:
        return []
    rows = OutboxMessage.objects.filter(id__in=ids, claim=token).select_related("edition")
    return list(rows.order_by("priority", "id"))


class AttachmentMissing(Exception):
    pass


def build_message(row):
    to = formataddr((row.to_name, row.to_email)) if row.to_name else row.to_email
    reply_to = [row.edition.contact_email] if row.edition_id and row.edition.contact_email else None
    message = EmailMessage(row.subject, row.body, to=[to], reply_to=reply_to, headers={"Message-ID": row.message_id})
    for filename, path, mimetype in row.attachments:
        try:
            with default_storage.open(path, "rb") as handle:
                message.attach(filename, handle.read(), mimetype)
        except OSError as exc:
            logger.warning("Attachment %s of mail %s cannot be read: %s", filename, row.pk, exc)
            raise AttachmentMissing(
                f"The attachment {filename} cannot be read from the server's files, so the mail was not sent. "
                "Regenerate the mail, or tell the platform's administrator."
            ) from exc
    return message


CONNECTION_ERRORS = (smtplib.SMTPConnectError, smtplib.SMTPHeloError, smtplib.SMTPAuthenticationError)


def classify(exc):
    """(temporary, connection_lost) for an exception raised while sending one message."""
    if isinstance(exc, AttachmentMissing):
        return False, False
    if isinstance(exc, CONNECTION_ERRORS):
        return True, True  # the server or our credentials, not this message: try again later
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(400 <= code < 500 for code, _text in exc.recipients.values()), False
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500, False
    if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
        return True, True
    status = getattr(exc, "status_code", None)  # django-anymail's provider errors carry the HTTP status
    if status is not None:
        return status >= 500 or status == 429, False
    return False, False


def describe(exc):
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = exc.recipients.items()
        return "; ".join(f"{rcpt}: {code} {text.decode(errors='replace')}" for rcpt, (code, text) in refused)
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, AttachmentMissing):
        return str(exc)
    if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
        why = getattr(exc, "strerror", None) or _("the connection was lost")
        return _("The mail server could not be reached (%(why)s); the mail will be tried again.") % {"why": why}
    return in_words(exc, doing=_("sending this mail"))


def _finish(row, token, **fields):
    return OutboxMessage.objects.filter(pk=row.pk, claim=token, state=State.SENDING).update(**fields)


def mark_sent(row, token):
    fields = {"state": State.SENT, "sent_at": timezone.now(), "last_error": "", "next_attempt_at": None}
    if row.purpose_info and row.purpose_info.redact_after_send:
        fields |= {"body": REDACTED, "context": {}}
    return _finish(row, token, **fields)


def mark_failed(row, token, error):
    return _finish(row, token, state=State.FAILED, last_error=error, next_attempt_at=None)


def mark_retry(row, token, error):
    if row.attempts >= max_attempts():
        return mark_failed(row, token, f"Gave up after {row.attempts} attempts. {error}")
    when = timezone.now() + backoff(row.attempts)
    return _finish(row, token, state=State.QUEUED, last_error=error, next_attempt_at=when)


def send_one(row, mailer, token):
    """Send one claimed row; return "sent", "retry", "failed" or "offline" (the server is unreachable)."""
    if row.attempts > max_attempts():
        mark_failed(row, token, f"Gave up after {row.attempts - 1} attempts. {row.last_error}".strip())
        return "failed"
    try:
        message = build_message(row)
        mailer.open()  # a no-op while the connection is open: one connection serves the whole run
        mailer.send_messages([message])
    except Exception as exc:
        temporary, connection_lost = classify(exc)
        error = describe(exc)
        logger.warning("Mail %s to %s not sent: %s", row.pk, row.to_email, error)
        if connection_lost:
            with contextlib.suppress(Exception):  # the connection is gone already; closing is courtesy
                mailer.close()
        if not temporary:
            mark_failed(row, token, error)
            return "failed"
        mark_retry(row, token, error)
        return "offline" if connection_lost else "retry"
    mark_sent(row, token)
    return "sent"


def release(rows, token):
    """Give claimed rows back without trying them (the server went away mid-run)."""
    when = timezone.now() + backoff(1)
    ids = [row.pk for row in rows]
    OutboxMessage.objects.filter(pk__in=ids, claim=token, state=State.SENDING).update(
        state=State.QUEUED, next_attempt_at=when, attempts=F("attempts") - 1
    )


def send_pending(*, chunk=CHUNK, using="default"):
    """Send everything due, a chunk at a time, until nothing is left; return counts by outcome."""
    token = get_random_string(16)
    counts = {"sent": 0, "retry": 0, "failed": 0, "offline": 0}
    mailer = mailers[using]
    try:
        while rows := claim(chunk, token=token):
            for index, row in enumerate(rows):
                outcome = send_one(row, mailer, token)
                counts[outcome] += 1
                if outcome == "offline":
                    release(rows[index + 1 :], token)
                    return counts
    finally:
        mailer.close()
    return counts

"""Held mails: a placeholder could not be filled, so the mail waits in the outbox instead of reaching its reader
with "{version}" in it. An organiser fixes the template, then tries the held mails again from the outbox."""

from django.db import transaction
from django.utils import timezone

from academy.accounts.services import record

from . import purposes, services
from .models import OutboxMessage, State


def release_held(messages, *, by, edition=None):
    """Try held mails again after a template fix: each is rendered from its current template; one whose
    placeholders now all fill goes on (a decision mail back to the drafts, any other to the queue), the
    rest stay held with the current reason. → (released, still held)."""
    held = list(services._queryset(messages).filter(state=State.HELD).select_related("edition", "edition__academy"))
    changed, _kept = services.rerender(held)  # a text written by hand has no template to fix: it stays held
    now, released = timezone.now(), []
    for row in changed:
        if not row.hold_reason:
            draft = purposes.get(row.purpose).decision
            row.state, row.next_attempt_at = (State.DRAFT, None) if draft else (State.QUEUED, now)
            released.append(row)
    with transaction.atomic():
        fields = ["subject", "body", "hold_reason", "state", "next_attempt_at"]
        OutboxMessage.objects.bulk_update(changed, fields, batch_size=500)
        if held:
            record("mail.held_released", actor=by, edition=edition, count=len(released), held=len(held) - len(released))
    if any(row.state == State.QUEUED for row in released):
        services.kick()
    return len(released), len(held) - len(released)

"""Reusable outbox querysets: the organiser's outbox, sent logs, a person's own mails, batch progress."""

from django.db.models import Count, Q

from .models import OutboxMessage, State

LIST_FIELDS = (
    "id",
    "purpose",
    "to_email",
    "to_name",
    "subject",
    "state",
    "created_at",
    "sent_at",
    "last_error",
    "hold_reason",
)


def outbox(edition, *, state="", purpose="", search=""):
    rows = OutboxMessage.objects.filter(edition=edition)
    rows = rows.filter(state=state) if state else rows.exclude(state=State.DISCARDED)
    if purpose:
        rows = rows.filter(purpose=purpose)
    if search:
        rows = rows.filter(Q(to_email__icontains=search) | Q(to_name__icontains=search))
    return rows


def state_counts(edition):
    counts = dict(OutboxMessage.objects.filter(edition=edition).values_list("state").annotate(n=Count("id")).order_by())
    return [(state.value, state.label, counts.get(state.value, 0)) for state in State]


def sent_log(edition, *, email):
    """What an edition sent to one address, newest first."""
    return OutboxMessage.objects.filter(edition=edition, to_email__iexact=email.strip(), state=State.SENT).order_by(
        "-sent_at", "-id"
    )


def for_related(obj):
    """Every mail about one object (an application, an offer, …), except discarded drafts."""
    return (
        OutboxMessage.objects.filter(related_type=obj._meta.label_lower, related_id=str(obj.pk))
        .exclude(state=State.DISCARDED)
        .order_by("-created_at", "-id")
    )


VISIBLE_TO_RECIPIENT = (State.QUEUED, State.SENDING, State.SENT)


def for_person(user):
    """A person's own mails: sent or on their way (never drafts), by their account or their address."""
    return (
        OutboxMessage.objects.filter(Q(to_user=user) | Q(to_email__iexact=user.email))
        .filter(state__in=VISIBLE_TO_RECIPIENT)
        .select_related("edition")
        .order_by("-created_at", "-id")
    )


def batch_progress(batch):
    counts = dict(batch.messages.values_list("state").annotate(n=Count("id")).order_by())
    done = counts.get(State.SENT, 0) + counts.get(State.FAILED, 0)
    return {
        "total": batch.size,
        "sent": counts.get(State.SENT, 0),
        "failed": counts.get(State.FAILED, 0),
        "waiting": counts.get(State.QUEUED, 0) + counts.get(State.SENDING, 0),
        "done": done >= batch.size,
    }

"""Decision drafts that clash: two decisions of different kinds, or two drafts, for one person."""

from dataclasses import dataclass

from django.db.models import Count, Q

from . import purposes
from .models import OutboxMessage, State


@dataclass
class Conflict:
    to_email: str
    to_name: str
    messages: list

    @property
    def purposes(self):
        return sorted({m.purpose_label for m in self.messages})


def conflicting_decisions(edition):
    """People with a decision draft that clashes: two decisions of different kinds, or two drafts."""
    live = OutboxMessage.objects.filter(edition=edition, purpose__in=purposes.DECISIONS).exclude(
        state__in=[State.DISCARDED, State.FAILED]
    )
    clashing = (
        live.values("to_email")
        .annotate(kinds=Count("purpose", distinct=True), drafts=Count("id", filter=Q(state=State.DRAFT)))
        .filter(drafts__gt=0)
        .filter(Q(kinds__gt=1) | Q(drafts__gt=1))
        .values("to_email")
    )
    conflicts = {}
    for row in live.filter(to_email__in=clashing).order_by("to_email", "created_at", "id"):
        conflict = conflicts.setdefault(row.to_email, Conflict(row.to_email, row.to_name, []))
        conflict.messages.append(row)
    return list(conflicts.values())

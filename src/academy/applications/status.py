"""The one door for every change of an application's status: an explicit table of allowed
transitions, the audit log, and nothing else (callers queue mail after the change)."""

from django.db import transaction
from django.utils import timezone

from academy.accounts.services import record
from academy.core.errors import Refused

from .models import Application, Status

TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.WITHDRAWN, Status.WAITLISTED, Status.OFFERED, Status.NOT_SELECTED},
    # Undoing a withdrawal returns to where the person was: a draft, or a submitted application.
    Status.WITHDRAWN: {Status.DRAFT, Status.SUBMITTED},
    Status.WAITLISTED: {Status.OFFERED, Status.NOT_SELECTED, Status.WITHDRAWN},
    Status.OFFERED: {Status.CONFIRMED, Status.DECLINED, Status.EXPIRED},
    Status.CONFIRMED: {Status.DECLINED},
    Status.DECLINED: set(),
    Status.EXPIRED: set(),
    Status.NOT_SELECTED: set(),
}


class InvalidTransition(Refused):
    def __init__(self, current, new):
        super().__init__(f"An application cannot go from {Status(current).label} to {Status(new).label}.")
        self.current, self.new = current, new


def can_change(application, new):
    return new in TRANSITIONS[Status(application.status)]


@transaction.atomic
def change_status(application, new, *, by, reason="", **data):
    """Lock the row, check the transition, save it and write the audit log; return the application."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if not can_change(locked, new):
        raise InvalidTransition(locked.status, new)
    old = locked.status
    locked.status = new
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "status_changed_at", "updated_at"])
    record(
        "application.status",
        actor=by,
        obj=locked,
        edition=locked.edition,
        old=old,
        new=new,
        reason=reason,
        **data,
    )
    application.status, application.status_changed_at = locked.status, locked.status_changed_at
    return locked

"""Mail's own scheduled jobs (see scheduling.py)."""

from django.db.models import Q

from academy.core.scheduling import job

from . import sending
from .models import State
from .services import kick


@job("mail.retry")
def retry(now):
    """Have a worker pick up rows that are due: retries whose back-off elapsed, rows a dead worker left
    in `sending` past the timeout, and queued rows whose task was lost."""
    due = sending.claimable(now)
    counts = {
        "stuck": due.filter(state=State.SENDING).count(),
        "due": due.filter(Q(state=State.QUEUED)).count(),
    }
    if not (counts["stuck"] or counts["due"]):
        return None
    kick()
    return f"sending {counts['due']} due mails and {counts['stuck']} left in sending by a stopped worker"

"""Adopting a run as the edition's decision.

PLACEHOLDER: the offers branch replaces this module with the real one (statuses offered / waitlisted /
not selected through `change_status`, decision mail drafts, offers with a respond-by date). This one
only marks the run adopted, so the selection screens and the API can be built and tested beside it;
the integrator keeps the offers branch's version, whose `adopt(run, *, by)` has the same signature.
"""

from django.db import transaction
from django.utils import timezone

from academy.accounts.services import record

from .models import SelectionRun


class AdoptionError(ValueError):
    """A run that cannot be adopted; the message is for the organiser."""


@transaction.atomic
def adopt(run, *, by):
    """Mark a finished run with a cohort as the edition's decision; refuse a second adoption."""
    run = SelectionRun.objects.select_for_update().get(pk=run.pk)
    adopted = SelectionRun.objects.filter(edition_id=run.edition_id, adopted_at__isnull=False).first()
    if adopted is not None:
        raise AdoptionError(f"Run {adopted.number} is already adopted for this edition; a decision is adopted once.")
    if run.state != SelectionRun.State.DONE or not (run.result or {}).get("selected"):
        raise AdoptionError(f"Run {run.number} has no cohort to adopt.")
    run.adopted_at, run.adopted_by = timezone.now(), by
    run.save(update_fields=["adopted_at", "adopted_by"])
    record("selection.run_adopted", actor=by, obj=run, edition=run.edition, number=run.number)
    return run

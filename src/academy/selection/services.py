"""Writes of the selection setup: the edition's rules and the organisers' locks (each audited)."""

from django.db import transaction

from academy.accounts.services import record

from .models import SelectionLock, SelectionRules
from .runs import check_rules


@transaction.atomic
def save_rules(edition, rules, *, by, lexicographic, respond_days, explain_in_mail):
    """Store the edition's rules (validated by the instance's validation: RunError otherwise)."""
    check_rules(edition, rules)
    settings, _created = SelectionRules.objects.select_for_update().get_or_create(edition=edition)
    settings.rules = list(rules)
    settings.lexicographic = lexicographic
    settings.respond_days = respond_days
    settings.explain_in_mail = explain_in_mail
    settings.updated_by = by
    settings.save()
    record("selection.rules_saved", actor=by, obj=settings, edition=edition, rules=settings.rules)
    return settings


@transaction.atomic
def set_locks(edition, wanted, *, by, allowed):
    """Apply {application id: "in" | "out" | ""} for ids in `allowed` (the edition's candidates); returns the
    number changed. An empty value lifts the lock."""
    current = dict(
        SelectionLock.objects.filter(application__edition=edition, application_id__in=list(wanted)).values_list(
            "application_id", "lock"
        )
    )
    changed = {pk: lock for pk, lock in wanted.items() if pk in allowed and current.get(pk, "") != lock}
    lifted = [pk for pk, lock in changed.items() if not lock]
    SelectionLock.objects.filter(application_id__in=lifted).delete()
    for pk, lock in changed.items():
        if lock:
            SelectionLock.objects.update_or_create(application_id=pk, defaults={"lock": lock, "created_by": by})
    if changed:
        record("selection.locks_set", actor=by, edition=edition, locks={str(k): v for k, v in changed.items()})
    return len(changed)

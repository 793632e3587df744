"""Writes of the completion rule, of exceptions and of bulk issue runs, each audit-logged. A run is issued by
a worker: the task's body is certificates.run_issue."""

from django.db import transaction
from django.utils import timezone

from academy.accounts.services import record

from . import certificates
from .models import CompletionException, IssueRun
from .tasks import issue_certificates


@transaction.atomic
def save_rule(rule, *, by):
    rule.save()
    record(
        "completion.rule_saved",
        actor=by,
        obj=rule,
        edition=rule.edition,
        require_all_days=rule.require_all_days,
        day_share=rule.day_share,
        camera_share=rule.camera_share,
        require_homework=rule.require_homework,
    )
    return rule


@transaction.atomic
def grant_exception(application, *, reason, by):
    """Let one participant complete although the rule is not met; a second grant replaces the reason."""
    exception, _created = CompletionException.objects.update_or_create(
        application=application,
        defaults={"reason": reason.strip(), "granted_by": by, "granted_at": timezone.now()},
    )
    record("completion.exception_granted", actor=by, obj=application, edition=application.edition, reason=reason)
    return exception


@transaction.atomic
def revoke_exception(application, *, by, reason=""):
    """Take an exception back; a certificate already issued stays until it is revoked itself."""
    deleted, _rows = CompletionException.objects.filter(application=application).delete()
    if deleted:
        record("completion.exception_revoked", actor=by, obj=application, edition=application.edition, reason=reason)
    return bool(deleted)


def start_run(edition, *, by):
    """Record whom a bulk issue is for, and have a worker issue them once the transaction commits."""
    ids = [o.application.pk for o in certificates.to_issue(edition)]
    run = IssueRun.objects.create(edition=edition, created_by=by, application_ids=ids, total=len(ids))
    record("certificate.run_started", actor=by, obj=run, edition=edition, count=len(ids))
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_pk):
    issue_certificates.enqueue(run_pk)

"""Scheduled jobs: one periodic runner, `academy cron`, runs every registered job.

Run it every few minutes from the system's cron (`*/5 * * * * academy cron`) or as a process
beside the task worker (`academy cron --every 300`). Any app registers jobs in a module named
`jobs.py` (found automatically by the JOBS registry, so core imports no app):

    # academy/applications/jobs.py
    from academy.core.scheduling import due_reminder, job
    from academy.mail.services import queue_mail

    @job("applications.draft_reminders")
    def draft_reminders(now):
        for edition in Edition.objects.filter(...):
            window = due_reminder(edition.deadline, before=(dt.timedelta(days=7), dt.timedelta(days=1)), now=now)
            if window is None:
                continue
            for app in Application.objects.filter(edition=edition, submitted_at=None).select_related("applicant"):
                queue_mail(purpose="draft_reminder", to_email=app.applicant.email, to_user=app.applicant,
                           edition=edition, related=app, context={...},
                           dedupe_key=f"draft-reminder:{app.pk}:{window.days}d")
        return "…"  # optional: a line for the log

A job receives `now` and returns None or a line saying what it did (printed by the runner). It
must be idempotent: running it twice, or on two machines at once, sends nothing twice.
`queue_mail(dedupe_key=...)` gives that for mails; other writes should check state first.
A failing job is logged and reported; the other jobs still run.
"""

import logging
import traceback

from django.utils import timezone

from .plugins import PluginRegistry

logger = logging.getLogger(__name__)

JOBS = PluginRegistry("jobs", "job")


def job(name):
    """Register `func(now)` under `name` (dotted, app first: "mail.retry")."""
    return JOBS.register(name)


def jobs():
    return JOBS.entries()


def run_jobs(names=None, *, now=None):
    """Run the named jobs (all when None); return {name: (ok, message)}."""
    registered = jobs()
    unknown = set(names or ()) - set(registered)
    if unknown:
        raise KeyError(f"No such job: {', '.join(sorted(unknown))}. Jobs: {', '.join(sorted(registered))}")
    results = {}
    for name in names or sorted(registered):
        try:
            outcome = registered[name](now or timezone.now())
            results[name] = (True, "" if outcome is None else str(outcome))
        except Exception as exc:
            logger.exception("Scheduled job %s failed", name)
            results[name] = (False, "".join(traceback.format_exception_only(exc)).strip())
    return results


def due_reminder(target, *, before, now):
    """Which reminder before `target` is due at `now`: the latest of `before` already reached, or None.

    With before=(7 days, 1 day): 8 days ahead → None; 3 days ahead → 7 days; 5 hours ahead → 1 day;
    past the target → None. A reminder missed while the runner was down is skipped for the next one."""
    if now >= target:
        return None
    reached = [offset for offset in before if now >= target - offset]
    return min(reached) if reached else None

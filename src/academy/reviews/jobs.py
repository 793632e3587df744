"""Scheduled: remind reviewers with reviews left 3 days and 1 day before review closes."""

import datetime as dt

from academy.core.scheduling import due_reminder, job
from academy.editions.models import Edition

from . import notify
from .board import reviewer_progress

BEFORE = (dt.timedelta(days=3), dt.timedelta(days=1))


@job("reviews.reviewer_reminders")
def reviewer_reminders(now):
    reminded = 0
    for edition in Edition.objects.filter(application_deadline__lt=now.date(), review_closes__gte=now.date()):
        window = due_reminder(edition.end_of(edition.review_closes), before=BEFORE, now=now)
        if window is None:
            continue
        for reviewer in reviewer_progress(edition):
            if reviewer.submitted < reviewer.assigned:
                notify.reminder(
                    reviewer,
                    edition,
                    assigned=reviewer.assigned,
                    submitted=reviewer.submitted,
                    dedupe_key=f"reviewer-reminder:{edition.pk}:{reviewer.pk}:{window.days}d",
                )
                reminded += 1
    return f"{reminded} reviewer reminder(s) considered" if reminded else None

"""Scheduled: remind people with an unsubmitted draft 7 days and 1 day before the deadline."""

import datetime as dt

from academy.core.scheduling import due_reminder, job
from academy.editions.models import Edition
from academy.mail.services import queue_mail

from .models import Application, Status
from .wording import apply_address

BEFORE = (dt.timedelta(days=7), dt.timedelta(days=1))


def _days_left(edition, now):
    days = (edition.deadline - now).days
    return "1 day" if days < 1 else f"{days} days"


@job("applications.draft_reminders")
def draft_reminders(now):
    sent = 0
    open_editions = Edition.objects.filter(
        call_opens__lte=now.date(), application_deadline__gte=now.date() - dt.timedelta(days=1)
    )
    for edition in open_editions:
        window = due_reminder(edition.deadline, before=BEFORE, now=now)
        if window is None:
            continue
        drafts = Application.objects.filter(edition=edition, status=Status.DRAFT).select_related("applicant")
        for application in drafts:
            person = application.applicant
            queue_mail(
                purpose="draft_reminder",
                to_email=person.email,
                to_user=person,
                edition=edition,
                related=application,
                dedupe_key=f"draft-reminder:{application.pk}:{window.days}d",
                context={"application_url": apply_address(edition), "days_left": _days_left(edition, now)},
            )
            sent += 1
    return f"{sent} draft reminder(s) considered" if sent else None

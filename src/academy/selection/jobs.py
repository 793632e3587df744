"""Scheduled: remind people of an open offer 2 days before its respond-by, and expire overdue offers."""

import datetime as dt

from django.db import transaction

from academy.core.scheduling import job

from .models import Offer
from .offers import expire_overdue
from .promotion import mail_applicant, offer_address

REMIND_BEFORE = dt.timedelta(days=2)


@job("selection.offer_reminders")
def offer_reminders(now):
    """Once per offer (dedupe_key and reminded_at): an offer made less than 2 days before its respond-by
    gets no reminder, the offer mail itself said the date."""
    due = Offer.objects.filter(
        response=Offer.Response.OPEN,
        reminded_at__isnull=True,
        respond_by__gt=now,
        respond_by__lte=now + REMIND_BEFORE,
    ).select_related("application__applicant", "application__edition__academy")
    sent = 0
    for offer in due:
        if offer.offered_at > offer.respond_by - REMIND_BEFORE:
            continue
        application = offer.application
        with transaction.atomic():
            mail_applicant(
                application,
                "offer_reminder",
                dedupe_key=f"offer-reminder:{offer.pk}",
                respond_by=offer.respond_by,
                offer_url=offer_address(application),
            )
            Offer.objects.filter(pk=offer.pk, reminded_at__isnull=True).update(reminded_at=now)
        sent += 1
    return f"{sent} offer reminder(s) queued" if sent else None


@job("selection.offer_expiry")
def offer_expiry(now):
    expired, promoted = expire_overdue(now=now)
    if not expired:
        return None
    return f"{expired} offer(s) expired, {len(promoted)} seat(s) offered from the waitlist"

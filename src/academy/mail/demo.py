"""Demo mail: templates for both editions, a sent log for 2022, and decision drafts waiting for review."""

import datetime as dt

from django.conf import settings

from .models import MailTemplate, OutboxMessage, State
from .purposes import EDITABLE
from .services import copy_templates, queue_mail

OTHERS = [  # fictional applicants of 2022 who get decisions beside the demo applicant
    ("marta.nowak@cluster.example", "Marta Nowak", "decision_waitlisted"),
    ("jonas.berg@cluster.example", "Jonas Berg", "decision_not_selected"),
    ("ines.costa@cluster.example", "Inês Costa", "decision_not_selected"),
]


def _sent(when, **fields):
    """A mail of the past: stored as sent, never handed to the mailer again."""
    row = queue_mail(draft=True, **fields)
    OutboxMessage.objects.filter(pk=row.pk).update(state=State.SENT, attempts=1, sent_at=when, created_at=when)
    return row


def seed(ctx):
    e2022, upcoming = ctx.editions["2022"], ctx.editions["open"]
    MailTemplate.objects.bulk_create(
        MailTemplate(edition=e2022, purpose=p.key, subject=p.subject, body=p.body) for p in EDITABLE
    )
    copy_templates(e2022, upcoming)

    applicant, reviewer = ctx.users["applicant"], ctx.users["reviewer"]
    site = f"{settings.SITE_URL.rstrip('/')}/editions/{e2022.slug}"
    # Her receipt as the applications demo submitted it (version and summary of her answers), else a stand-in.
    receipt = ctx.extra.get("receipt_2022") or {
        "submitted_at": e2022.deadline - dt.timedelta(days=4, hours=3),
        "version": 1,
        "summary": "- Why do you want to take part? To learn from peers across Europe.",
    }
    _sent(
        receipt["submitted_at"] + dt.timedelta(minutes=1),
        purpose="receipt",
        to_email=applicant.email,
        to_user=applicant,
        edition=e2022,
        context={"application_url": f"{site}/apply/", **receipt},
        dedupe_key="demo:receipt:applicant",
    )
    _sent(
        e2022.deadline + dt.timedelta(days=1),
        purpose="reviewer_invitation",
        to_email=reviewer.email,
        to_user=reviewer,
        edition=e2022,
        context={"accept_url": f"{site}/reviews/", "review_closes": e2022.end_of(e2022.review_closes)},
    )

    respond_by = e2022.end_of(e2022.review_closes + dt.timedelta(days=10))
    offer = {"respond_by": respond_by, "offer_url": f"{site}/offer/"}
    queue_mail(purpose="decision_offered", to_email=applicant.email, to_user=applicant, edition=e2022, context=offer)
    # A second, contradicting draft for the same person: the outbox warns before anything leaves.
    queue_mail(
        purpose="decision_waitlisted",
        to_email=applicant.email,
        to_user=applicant,
        edition=e2022,
        context={"waitlist_position": 2, "explanation": "", "application_url": f"{site}/apply/"},
    )
    for position, (email, name, purpose) in enumerate(OTHERS, start=1):
        context = {"waitlist_position": position, "explanation": "", "application_url": f"{site}/apply/"}
        queue_mail(purpose=purpose, to_email=email, to_name=name, edition=e2022, context=context)
    ctx.say(
        f"mail: templates for both editions, 2 mails in the 2022 sent log, {2 + len(OTHERS)} decision drafts "
        "waiting in the 2022 outbox (one person has two conflicting drafts)"
    )

"""Every mail that participation sends, in one place, through the mail outbox."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from academy.mail.services import queue_mail


def _link(name, **kwargs):
    return settings.SITE_URL.rstrip("/") + reverse(f"participation:{name}", kwargs=kwargs)


def _queue(purpose, *, application, edition, context, related, dedupe_key=None, attachments=()):
    person = application.applicant
    return queue_mail(
        purpose=purpose,
        to_email=person.email,
        to_user=person,
        edition=edition,
        context=context,
        related=related,
        dedupe_key=dedupe_key,
        attachments=attachments,
    )


def feedback_given(feedback):
    hand_in = feedback.hand_in
    assignment, edition = hand_in.assignment, hand_in.assignment.edition
    _queue(
        "homework_feedback",
        application=hand_in.application,
        edition=edition,
        related=feedback,
        context={
            "coach": feedback.coach.get_full_name() or feedback.coach.email,
            "assignment": assignment.title,
            "homework_url": _link("homework_detail", slug=edition.slug, pk=assignment.pk),
        },
    )


def homework_reminder(assignment, application):
    edition = assignment.edition
    due = edition.end_of(assignment.due_date)
    _queue(
        "homework_reminder",
        application=application,
        edition=edition,
        related=assignment,
        context={
            "due": due,
            "assignment": assignment.title,
            "homework_url": _link("homework_detail", slug=edition.slug, pk=assignment.pk),
        },
    )


def survey_invitation(survey, application):
    edition = survey.edition
    _queue(
        "survey_invitation",
        application=application,
        edition=edition,
        related=survey,
        context={
            "survey_closes": survey.closes_at or "the end of the academy",
            "survey_url": _link("survey_answer", slug=edition.slug, pk=survey.pk),
        },
    )


def info_pack(pack, application, pdf):
    edition = pack.edition
    # One stored copy per version of the pack, shared by every recipient's outbox row.
    path = f"participation/{edition.pk}/info-pack-{hashlib.sha256(pdf).hexdigest()[:16]}.pdf"
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(pdf))
    _queue(
        "info_pack",
        application=application,
        edition=edition,
        related=pack,
        context={
            "info_pack_url": _link("info_pack", slug=edition.slug),
            "venue": pack.venue or edition.venue,
            "venue_address": pack.address or edition.venue_address,
            "in_person_start": edition.in_person_start,
        },
        attachments=[(f"info-pack-{edition.slug}.pdf", path, "application/pdf")],
    )

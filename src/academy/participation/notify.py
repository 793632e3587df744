"""Every mail that participation sends, in one place.

They go out through Django's mail API for now. When the outbox (academy.mail.services.queue_mail)
is merged, each function switches to `queue_mail(purpose=..., to_email=..., to_user=..., edition=...,
context=..., related=..., attachments=...)` with the purpose named in its comment; the callers
do not change."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse


def _link(name, **kwargs):
    return settings.SITE_URL.rstrip("/") + reverse(f"participation:{name}", kwargs=kwargs)


def _send(*, template, subject, to_user, edition, context, attachments=()):
    context = {"person": to_user, "edition": edition, **context}
    body = render_to_string(f"participation/mail/{template}.txt", context)
    reply_to = [edition.contact_email] if edition.contact_email else None
    message = EmailMessage(subject=subject, body=body, to=[to_user.email], reply_to=reply_to)
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def feedback_given(feedback):
    # queue_mail purpose: "homework_feedback", related=feedback
    hand_in = feedback.hand_in
    assignment, edition = hand_in.assignment, hand_in.assignment.edition
    _send(
        template="feedback_given",
        subject=f"Feedback on your homework “{assignment.title}”",
        to_user=hand_in.application.applicant,
        edition=edition,
        context={
            "assignment": assignment,
            "coach": feedback.coach,
            "link": _link("homework_detail", slug=edition.slug, pk=assignment.pk),
        },
    )


def homework_reminder(assignment, application):
    # queue_mail purpose: "homework_reminder", related=assignment,
    # dedupe_key=f"homework_reminder:{assignment.pk}:{application.pk}:{date}"
    edition = assignment.edition
    _send(
        template="homework_reminder",
        subject=f"Reminder: homework “{assignment.title}” is due",
        to_user=application.applicant,
        edition=edition,
        context={"assignment": assignment, "link": _link("homework_detail", slug=edition.slug, pk=assignment.pk)},
    )


def survey_invitation(survey, application):
    # queue_mail purpose: "survey_invitation", related=survey
    edition = survey.edition
    _send(
        template="survey_invitation",
        subject=f"Your feedback, please: {survey.title}",
        to_user=application.applicant,
        edition=edition,
        context={"survey": survey, "link": _link("survey_answer", slug=edition.slug, pk=survey.pk)},
    )


def info_pack(pack, application, pdf):
    # queue_mail purpose: "info_pack", related=pack, attachments=[(filename, pdf, "application/pdf")]
    edition = pack.edition
    _send(
        template="info_pack",
        subject=f"Info pack for the in-person days of {edition.name}",
        to_user=application.applicant,
        edition=edition,
        context={"pack": pack, "link": _link("info_pack", slug=edition.slug)},
        attachments=[(f"info-pack-{edition.slug}.pdf", pdf, "application/pdf")],
    )

"""The receipt of a submission: a PDF copy of every answer (WeasyPrint) kept in the default storage, and
the mail that carries it (the mail app's "receipt" purpose, its template editable per edition). Made after
the submit transaction commits, by the `make_receipt` task, or on the first download when missing (the
demo seeds versions without PDFs)."""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from academy.mail.services import queue_mail

from . import answers as answer_rules
from .models import Question, SubmittedVersion
from .services import apply_address, when


def context(version):
    application = version.application
    edition = application.edition
    questions = Question.objects.filter(edition=edition).order_by("position", "pk")
    return {
        "version": version,
        "application": application,
        "edition": edition,
        "applicant": application.applicant,
        "organisation": application.organisation,
        "submitted_at": when(version.submitted_at, edition),
        "rows": [(q, answer_rules.as_text(q, version.answers.get(q.key))) for q in questions],
        "site_url": settings.SITE_URL,
    }


def render_pdf(version):
    from weasyprint import HTML  # imported here: loading Pango costs time that most requests don't need

    html = render_to_string("applications/receipt.html", context(version))
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def ensure_receipt(version):
    """The storage path of the version's receipt PDF, rendered and stored first if missing."""
    if version.receipt_pdf and default_storage.exists(version.receipt_pdf):
        return version.receipt_pdf
    edition = version.application.edition
    path = default_storage.save(
        f"receipts/{edition.slug}/{secrets.token_hex(16)}.pdf", ContentFile(render_pdf(version))
    )
    SubmittedVersion.objects.filter(pk=version.pk).update(receipt_pdf=path)
    version.receipt_pdf = path
    return path


def receipt_filename(version):
    return f"application-{version.application.edition.slug}-v{version.number}.pdf"


def summary(version, *, limit=160):
    """The answers in a few lines for the receipt mail; the PDF holds them in full."""
    questions = Question.objects.filter(edition_id=version.application.edition_id).order_by("position", "pk")
    lines = []
    for question in questions:
        text = " ".join(str(answer_rules.as_text(question, version.answers.get(question.key))).split())
        lines.append(f"- {question.label}: {text[:limit] + '…' if len(text) > limit else text}")
    return "\n".join(lines)


def send_receipt(version):
    """Queue the receipt mail, with its PDF, in the outbox (the mail worker sends it; once per version)."""
    path = ensure_receipt(version)
    application = version.application
    edition = application.edition
    queue_mail(
        purpose="receipt",
        to_email=application.applicant.email,
        to_user=application.applicant,
        edition=edition,
        context={
            "application_url": apply_address(edition),
            "submitted_at": version.submitted_at,
            "version": version.number,
            "summary": summary(version),
        },
        related=application,
        dedupe_key=f"receipt:{version.pk}",
        attachments=[(receipt_filename(version), path, "application/pdf")],
    )

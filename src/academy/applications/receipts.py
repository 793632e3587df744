"""The receipt of a submission: a PDF copy of every answer kept in the default storage, rendered through
the shared PDF module (academy.pdf) as certificates are, and the mail that carries it (the mail app's
"receipt" purpose, its template editable per edition). Made after the submit transaction commits, by the
`make_receipt` task (whose body is `issue`), or on the first download when missing (the demo seeds
versions without PDFs).

Receipts coalesce: when an applicant submits again before the worker reached the earlier version, only
the newest version's receipt is rendered and mailed, naming that version; the tasks of the versions it
supersedes find it made and do nothing. Every version's task is queued after its own commit, so the
last version submitted always gets its receipt."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from academy.mail.models import OutboxMessage
from academy.mail.services import queue_mail
from academy.pdf import render_pdf as render_document

from . import answers as answer_rules
from .models import Question, SubmittedVersion
from .wording import apply_address, when

PDF_CSS = Path(__file__).parent / "static" / "applications" / "css" / "receipt-pdf.css"


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
    return render_document("applications/receipt.html", context(version), stylesheet=PDF_CSS)


def ensure_receipt(version):
    """The storage path of the version's receipt PDF, rendered and stored first if missing.

    Two workers rendering the same version at once (two tasks of one application) store one path: the
    second finds the row changed, drops its own file and takes the first one's."""
    if version.receipt_pdf and default_storage.exists(version.receipt_pdf):
        return version.receipt_pdf
    edition = version.application.edition
    path = default_storage.save(
        f"receipts/{edition.slug}/{secrets.token_hex(16)}.pdf", ContentFile(render_pdf(version))
    )
    stored = SubmittedVersion.objects.filter(pk=version.pk, receipt_pdf=version.receipt_pdf).update(receipt_pdf=path)
    if not stored:
        default_storage.delete(path)
        version.refresh_from_db(fields=["receipt_pdf"])
        return version.receipt_pdf
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


def mail_key(version_pk):
    """The receipt mail's dedupe key: one receipt mail per version, however often its task runs."""
    return f"receipt:{version_pk}"


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
        dedupe_key=mail_key(version.pk),
        attachments=[(receipt_filename(version), path, "application/pdf")],
    )


def issue(version_pk):
    """The receipt task's body: the receipt of the newest version of `version_pk`'s application, once.

    Returns the number of the version whose receipt now exists (`version_pk`'s or a newer one), or None
    when the version is gone (the application was erased meanwhile: nothing is left to prove)."""
    application_id = SubmittedVersion.objects.filter(pk=version_pk).values_list("application_id", flat=True).first()
    if application_id is None:
        return None
    versions = SubmittedVersion.objects.filter(application_id=application_id).order_by("-number")
    newest_pk, number = versions.values_list("pk", "number").first()
    if OutboxMessage.objects.filter(dedupe_key=mail_key(newest_pk)).exists():
        return number  # made by an earlier task: what most tasks of a rush find, in two queries
    newest = versions.select_related("application__edition", "application__applicant", "application__organisation").get(
        pk=newest_pk
    )
    send_receipt(newest)
    return number

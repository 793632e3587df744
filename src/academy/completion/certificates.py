"""Certificates: issue (one, or the people of a bulk run: the body of the task that services.start_run
enqueues), render as PDF with a QR code, mail through the outbox, revoke.

Issuing is idempotent: a participant has at most one certificate (a database constraint); issuing again
finds it, re-renders a missing PDF and queues its mail only once (by dedupe key). A revoked certificate
stays revoked: the bulk issue skips it, and its verification page says so."""

import secrets
from pathlib import Path

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.applications.queries import participants
from academy.failures import in_words
from academy.mail.services import queue_mail
from academy.pdf import render_pdf

from .models import Certificate, IssueRun
from .rule import evaluate

PDF_CSS = Path(__file__).parent / "static" / "completion" / "css" / "certificate-pdf.css"


def new_code():
    """144 random bits, URL-safe: 24 characters nobody guesses."""
    return secrets.token_urlsafe(18)


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def verification_url(certificate):
    return _absolute(reverse("completion:verify", kwargs={"code": certificate.code}))


def certificate_page_url(edition):
    return _absolute(reverse("completion:my_certificate", kwargs={"slug": edition.slug}))


def qr_data_uri(url):
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#111")


def render(certificate):
    edition = certificate.edition
    url = verification_url(certificate)
    context = {
        "certificate": certificate,
        "edition": edition,
        "academy": edition.academy,
        "verification_url": url,
        "qr": qr_data_uri(url),
    }
    return render_pdf("completion/pdf/certificate.html", context, stylesheet=PDF_CSS)


def ensure_pdf(certificate):
    """The storage path of the certificate's PDF, rendered and stored first if missing."""
    if certificate.pdf and default_storage.exists(certificate.pdf):
        return certificate.pdf
    path = default_storage.save(
        f"certificates/{certificate.edition.slug}/{secrets.token_hex(16)}.pdf", ContentFile(render(certificate))
    )
    Certificate.objects.filter(pk=certificate.pk).update(pdf=path)
    certificate.pdf = path
    return path


def stored_pdf(certificate):
    """The certificate's PDF bytes as issued (rendered and stored first if missing)."""
    with default_storage.open(ensure_pdf(certificate), "rb") as handle:
        return handle.read()


def filename(certificate):
    return f"certificate-{certificate.edition.slug}.pdf"


def send(certificate):
    """Queue the certificate's mail with the PDF attached (once per certificate)."""
    person = certificate.application.applicant
    return queue_mail(
        purpose="certificate",
        to_email=person.email,
        to_user=person,
        edition=certificate.edition,
        context={
            "certificate_url": certificate_page_url(certificate.edition),
            "verification_url": verification_url(certificate),
        },
        related=certificate,
        dedupe_key=f"certificate:{certificate.pk}",
        attachments=[(filename(certificate), ensure_pdf(certificate), "application/pdf")],
    )


def issue(outcome, *, by=None, mail=True):
    """Issue the certificate of one participant whose Outcome completes; return (certificate, created).
    An existing certificate is returned as it is (a revoked one is neither rendered nor mailed again).
    Without `mail` the PDF is rendered on its first download instead (the demo's past certificates)."""
    application = outcome.application
    if not outcome.completes:
        raise ValueError(f"{application} does not complete the edition")
    with transaction.atomic():
        certificate, created = Certificate.objects.get_or_create(
            application=application,
            defaults={
                "edition": application.edition,
                "code": new_code(),
                "name": application.applicant.full_name or application.applicant.email,
                "hours": outcome.hours,
                "issued_by": by,
                "by_exception": not outcome.met,
            },
        )
        if created:
            record(
                "certificate.issued",
                actor=by,
                obj=certificate,
                edition=application.edition,
                application=application.pk,
                by_exception=certificate.by_exception,
            )
    if mail and not certificate.revoked:
        certificate.application = application
        send(certificate)  # after the row is committed; a retry renders and queues what is missing
    return certificate, created


@transaction.atomic
def revoke(certificate, *, reason, by):
    if certificate.revoked:
        return certificate
    certificate.revoked_at, certificate.revoked_by, certificate.revoke_reason = timezone.now(), by, reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    record("certificate.revoked", actor=by, obj=certificate, edition=certificate.edition, reason=reason)
    return certificate


def to_issue(edition):
    """The participants who complete (by the rule or an exception) and have no certificate yet."""
    return [o for o in evaluate(edition) if o.completes and o.certificate is None]


def run_issue(run_pk):
    """The task's work: issue to each person of the run who still completes; progress counted per person.

    A failure is told in words on the run's page (`error`), its technical text in the log; one person's
    failure never stops the others, and a failure of the whole run ends it rather than leaving it polling."""
    run = IssueRun.objects.select_related("edition", "created_by").get(pk=run_pk)
    if run.is_done:
        return run
    IssueRun.objects.filter(pk=run.pk).update(done=0, issued=0, failed=0, error="")  # a retry counts afresh
    try:
        _issue_each(run)
    except Exception as error:  # noqa: BLE001 - the reason in words on the page, the technical text in the log
        reason = in_words(error, doing=_("issuing the certificates"))
        IssueRun.objects.filter(pk=run.pk).update(error=reason)
    IssueRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _issue_each(run):
    edition = run.edition
    cohort = participants(edition).filter(pk__in=run.application_ids)
    outcomes = {o.application.pk: o for o in evaluate(edition, applications=cohort)}
    for application_id in run.application_ids:
        outcome = outcomes.get(application_id)
        issued = failed = 0
        reason = {}
        try:
            if outcome is not None and outcome.completes:
                issued = int(issue(outcome, by=run.created_by)[1])
        except Exception as error:  # noqa: BLE001 - one bad PDF or address must not stop the others
            failed = 1
            reason = {"error": in_words(error, doing=_("making a certificate"))}
        IssueRun.objects.filter(pk=run.pk).update(
            done=F("done") + 1, issued=F("issued") + issued, failed=F("failed") + failed, **reason
        )

"""The participant's own certificate, and the public verification page its QR code links to."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from academy.accounts.access import public
from academy.participation.access import participant_required
from academy.pdf import pdf_response

from .. import certificates
from ..models import Certificate
from ..rule import evaluate_one


@participant_required
def my_certificate(request, edition, application):
    certificate = Certificate.objects.filter(application=application).first()
    context = {
        "edition": edition,
        "certificate": certificate,
        "outcome": evaluate_one(application) if certificate is None else None,
        "verification_url": certificates.verification_url(certificate) if certificate else "",
    }
    return render(request, "completion/participant/certificate.html", context)


@participant_required
def my_certificate_pdf(request, edition, application):
    certificate = Certificate.objects.filter(application=application, revoked_at__isnull=True).first()
    if certificate is None:
        raise Http404
    certificate.edition = edition
    return pdf_response(certificates.stored_pdf(certificate), certificates.filename(certificate))


@public
def verify(request, code):
    """Name, edition and date, and nothing else; an unknown code is not found."""
    certificate = get_object_or_404(Certificate.objects.select_related("edition__academy"), code=code)
    response = render(request, "completion/verify.html", {"certificate": certificate, "edition": certificate.edition})
    response["X-Robots-Tag"] = "noindex"
    return response

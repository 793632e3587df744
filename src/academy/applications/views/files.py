"""Receipts and uploaded files, served only to the applicant and the edition's organisers, always as
attachments (never rendered inline), from the default storage under names the server chose."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from academy.accounts.access import has_edition_role, signed_in
from academy.accounts.models import Role
from academy.privacy.audit import record_access

from ..models import Application, SubmittedVersion
from ..receipts import ensure_receipt, receipt_filename


def can_see(user, application):
    """The applicant, or an organiser of the application's edition (later stages add their readers)."""
    return application.applicant_id == user.pk or has_edition_role(user, application.edition, Role.ORGANISER)


def _load(request, pk):
    application = get_object_or_404(Application.objects.select_related("edition", "applicant"), pk=pk)
    if not can_see(request.user, application):
        raise Http404  # another person's application does not exist for you
    return application


def _audit(request, application, action, **data):
    if application.applicant_id != request.user.pk:
        record_access(action, actor=request.user, obj=application, edition=application.edition, **data)


@signed_in
def receipt(request, pk, number):
    application = _load(request, pk)
    version = get_object_or_404(
        SubmittedVersion.objects.select_related("application"), application=application, number=number
    )
    version.application = application
    path = ensure_receipt(version)
    _audit(request, application, "application_receipt.exported", version=number)
    return FileResponse(
        default_storage.open(path, "rb"),
        as_attachment=True,
        filename=receipt_filename(version),
        content_type="application/pdf",
    )


@signed_in
def uploaded_file(request, pk, key):
    application = _load(request, pk)
    answers = application.answers
    if request.GET.get("version", "").isdigit():
        answers = get_object_or_404(
            SubmittedVersion, application=application, number=int(request.GET["version"])
        ).answers
    value = answers.get(key)
    path = str(value.get("path", "")) if isinstance(value, dict) else ""
    if not path.startswith("applications/") or ".." in path:
        raise Http404
    if not default_storage.exists(value["path"]):
        raise Http404
    _audit(request, application, "application_file.exported", key=key)
    return FileResponse(
        default_storage.open(value["path"], "rb"),
        as_attachment=True,
        filename=value.get("name") or "document.pdf",
        content_type="application/pdf",
    )

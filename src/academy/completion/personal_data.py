"""Completion: an exception's reason and a certificate (the name as issued, its PDF). Erasing keeps the
certificate's row, so the edition's count of certificates stays, but revokes it: the verification page
must not confirm a person who is no longer on record."""

from django.utils import timezone

from academy.core.personal_data import REMOVED, iso, remove_files, section

from .models import Certificate, CompletionException, IssueRun

# IssueRun.created_by and the issued_by/revoked_by/granted_by links name organisers: they keep pointing
# at an anonymised account.
data = section(
    "completion", label="Completion and certificates", order=45, models=[Certificate, CompletionException, IssueRun]
)


@data.export
def export(user):
    certificates = Certificate.objects.filter(application__applicant=user).select_related("edition")
    exceptions = CompletionException.objects.filter(application__applicant=user).select_related("application__edition")
    return {
        "certificates": [
            {
                "edition": c.edition.name,
                "name": c.name,
                "hours": str(c.hours),
                "code": c.code,
                "issued_at": iso(c.issued_at),
                "revoked_at": iso(c.revoked_at),
            }
            for c in certificates
        ],
        "exceptions": [{"edition": e.application.edition.name, "reason": e.reason} for e in exceptions],
    }


@data.clears_applications
def clear(applications):
    certificates = Certificate.objects.filter(application__in=applications)
    remove_files(list(certificates.values_list("pdf", flat=True)))
    certificates.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    certificates.update(name=REMOVED, pdf="", revoke_reason=REMOVED)
    CompletionException.objects.filter(application__in=applications).update(reason=REMOVED)

from django.tasks import task

from .models import SubmittedVersion
from .receipts import ensure_receipt, send_receipt


@task
def make_receipt(version_pk):
    """Render the receipt PDF and queue its mail; a repeated run finds the PDF and the mail (by its dedupe key)."""
    version = SubmittedVersion.objects.select_related("application__edition", "application__applicant").get(
        pk=version_pk
    )
    ensure_receipt(version)
    send_receipt(version)

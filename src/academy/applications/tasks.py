from django.tasks import task

from .models import SubmittedVersion
from .receipts import ensure_receipt, send_receipt


@task
def make_receipt(version_pk):
    """Render the receipt PDF and mail it, once: a repeated run finds both done and does nothing."""
    version = SubmittedVersion.objects.select_related("application__edition", "application__applicant").get(
        pk=version_pk
    )
    ensure_receipt(version)
    if version.receipt_mailed_at is None:
        send_receipt(version)

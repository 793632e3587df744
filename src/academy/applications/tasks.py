"""Background tasks of the applicant's path: thin wrappers, enqueued by services.py, whose bodies live in
the modules that own the work (receipts.py)."""

from django.tasks import task

from . import receipts


@task
def make_receipt(version_pk):
    """The receipt of the newest version of the application `version_pk` belongs to (see receipts.issue);
    returns that version's number, or None when the application was erased meanwhile."""
    return receipts.issue(version_pk)

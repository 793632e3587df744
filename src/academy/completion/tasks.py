"""Background tasks (django.tasks): thin wrappers over certificates.py."""

from django.tasks import task

from . import certificates


@task
def issue_certificates(run_pk):
    """Issue the certificates of one bulk run; running it again issues nothing twice."""
    run = certificates.run_issue(run_pk)
    return {"total": run.total, "issued": run.issued, "failed": run.failed}

"""Background tasks (django.tasks): thin wrappers over sending.py."""

from django.tasks import task

from . import sending


@task()
def send_outbox():
    """Send every due outbox row; several of these may run at once on several workers."""
    return sending.send_pending()

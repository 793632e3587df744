"""Background tasks (django.tasks): thin wrappers over sending.py."""

from django.tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from . import sending


@task()
def send_outbox():
    """Send every due outbox row; several of these may run at once on several workers."""
    return sending.send_pending()


def sender_waiting():
    """Whether a sending task is queued and not started yet (always False on a backend without a queue).

    Such a task sends every row committed before it starts, so a mail committed before this check needs no
    task of its own: in a rush, one receipt mail per task doubled the queue with senders that found nothing
    left to send. A sender already running may have made its last claim, so it does not count."""
    backend = send_outbox.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    return (
        DBTaskResult.objects.ready()
        .filter(task_path=send_outbox.module_path, backend_name=backend.alias, queue_name=send_outbox.queue_name)
        .exists()
    )

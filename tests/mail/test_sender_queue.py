"""One sending task waits at a time: a mail committed while a sender is queued and not started adds no task
(that sender sends it), but a mail committed while the sender runs gets a task of its own, since the running
sender may have made its last claim already.

The database-backed task backend on the test database, committed transactions (as in production), and the
worker's own steps: claim a task as `db_worker` does, run its body, mark it done."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from academy.mail.models import OutboxMessage, State
from academy.mail.purposes import sample_context
from academy.mail.services import queue_mail
from academy.mail.tasks import send_outbox

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_tasks():
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield


def queue(edition, email):
    """A receipt mail queued in its own committed transaction, as a receipt task queues it."""
    return queue_mail(
        purpose="receipt", to_email=email, edition=edition, context=sample_context(edition) | {"application_url": "x"}
    )


def senders(status):
    return DBTaskResult.objects.filter(task_path=send_outbox.module_path, status=status).count()


def claim_sender():
    """What a `db_worker` does before running a task: lock a ready one and mark it running, in one transaction."""
    with exclusive_transaction():
        task = DBTaskResult.objects.ready().get_locked()
        task.claim("test-worker")
    return task


def run_workers_until_idle():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def sent_to():
    return sorted(to for message in mail.outbox for to in message.to)


def test_mails_queued_while_a_sender_waits_add_no_task_and_are_all_sent(edition):
    for n in range(5):
        queue(edition, f"p{n}@example.org")
    assert senders("READY") == 1, "the first mail's sender sends the four after it too"
    run_workers_until_idle()
    assert sent_to() == [f"p{n}@example.org" for n in range(5)]
    assert not OutboxMessage.objects.exclude(state=State.SENT).exists()


def test_a_mail_queued_after_the_running_sender_made_its_last_claim_gets_its_own_task_and_is_sent(edition):
    queue(edition, "first@example.org")
    running = claim_sender()
    assert running.task.call() == {"sent": 1, "retry": 0, "failed": 0, "offline": 0}
    assert senders("RUNNING") == 1 and senders("READY") == 0  # the sender has found nothing more, not yet done

    queue(edition, "late@example.org")
    assert senders("READY") == 1, "a mail committed now would wait for the next retry job without a task"
    running.set_successful(None)
    run_workers_until_idle()
    assert sent_to() == ["first@example.org", "late@example.org"]
    assert OutboxMessage.objects.get(to_email="late@example.org").state == State.SENT


def test_a_sender_claimed_but_not_started_still_counts_as_running_so_a_new_mail_gets_a_task(edition):
    queue(edition, "first@example.org")
    claim_sender()
    queue(edition, "second@example.org")
    assert senders("READY") == 1

import datetime as dt
from email.utils import parseaddr

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from academy.accounts.models import EditionRole, Role
from academy.core import scheduling
from academy.core.scheduling import due_reminder, job
from academy.mail.models import OutboxMessage, State
from academy.mail.purposes import sample_context
from academy.mail.services import queue_mail
from tests import factories

REMINDERS = (dt.timedelta(days=7), dt.timedelta(days=1))


@pytest.fixture
def reviewer_reminders():
    """A reminder job as another app would write it in its jobs.py: idempotent through dedupe keys."""

    @job("test.reviewer_reminders")
    def remind(now):
        sent = 0
        for role in EditionRole.objects.filter(role=Role.REVIEWER).select_related("edition", "user"):
            window = due_reminder(role.edition.end_of(role.edition.review_closes), before=REMINDERS, now=now)
            if window is None:
                continue
            queue_mail(
                purpose="reviewer_reminder",
                to_email=role.user.email,
                to_user=role.user,
                edition=role.edition,
                context={
                    "review_url": "https://x/reviews",
                    "review_closes": role.edition.end_of(role.edition.review_closes),
                    "pending_count": 2,
                },
                related=role,
                dedupe_key=f"reviewer-reminder:{role.pk}:{window.days}d",
            )
            sent += 1
        return f"{sent} reminders"

    yield remind
    scheduling.JOBS.unregister("test.reviewer_reminders")


@pytest.mark.django_db
def test_running_a_reminder_job_twice_sends_each_reminder_once(reviewer_reminders, time_machine):
    edition = factories.edition(deadline=dt.date(2022, 10, 31))  # review closes 14 November
    for n in range(3):
        factories.with_role(Role.REVIEWER, edition, f"r{n}@example.org")
    time_machine.move_to(dt.datetime(2022, 11, 10, 9, tzinfo=dt.UTC))
    call_command("cron", "test.reviewer_reminders")
    call_command("cron", "test.reviewer_reminders")
    assert len(mail.outbox) == 3 and OutboxMessage.objects.count() == 3
    assert {parseaddr(m.to[0])[1] for m in mail.outbox} == {"r0@example.org", "r1@example.org", "r2@example.org"}


@pytest.mark.django_db
def test_the_next_reminder_window_sends_a_second_reminder_once(reviewer_reminders, time_machine):
    edition = factories.edition(deadline=dt.date(2022, 10, 31))
    factories.with_role(Role.REVIEWER, edition, "rui@example.org")
    time_machine.move_to(dt.datetime(2022, 11, 10, 9, tzinfo=dt.UTC))
    scheduling.run_jobs(["test.reviewer_reminders"])
    time_machine.move_to(dt.datetime(2022, 11, 14, 9, tzinfo=dt.UTC))
    scheduling.run_jobs(["test.reviewer_reminders"])
    scheduling.run_jobs(["test.reviewer_reminders"])
    assert sorted(OutboxMessage.objects.values_list("dedupe_key", flat=True)) == [
        f"reviewer-reminder:{EditionRole.objects.get(role=Role.REVIEWER).pk}:1d",
        f"reviewer-reminder:{EditionRole.objects.get(role=Role.REVIEWER).pk}:7d",
    ]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_retry_job_sends_rows_a_dead_worker_left_in_sending(edition, time_machine):
    row = queue_mail(
        purpose="decision_offered", to_email="ana@example.org", edition=edition, context=sample_context(edition)
    )
    OutboxMessage.objects.filter(pk=row.pk).update(
        state=State.SENDING, claimed_at=timezone.now(), attempts=1, claim="dead"
    )
    scheduling.run_jobs(["mail.retry"])
    assert mail.outbox == []
    time_machine.move_to(timezone.now() + dt.timedelta(minutes=11))
    call_command("cron", "mail.retry")
    row.refresh_from_db()
    assert row.state == State.SENT and len(mail.outbox) == 1

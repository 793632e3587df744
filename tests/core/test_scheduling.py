"""The scheduler behind `academy cron`: reminder windows, failures reported without stopping the other jobs,
unknown names refused, and the jobs of every app found. Jobs that send mail are tested in tests/mail/test_jobs.py."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from academy.core import scheduling
from academy.core.scheduling import due_reminder, job

REMINDERS = (dt.timedelta(days=7), dt.timedelta(days=1))


def test_due_reminder_picks_the_latest_window_reached():
    target = dt.datetime(2022, 10, 31, 22, 59, tzinfo=dt.UTC)
    assert due_reminder(target, before=REMINDERS, now=target - dt.timedelta(days=8)) is None
    assert due_reminder(target, before=REMINDERS, now=target - dt.timedelta(days=3)) == dt.timedelta(days=7)
    assert due_reminder(target, before=REMINDERS, now=target - dt.timedelta(hours=5)) == dt.timedelta(days=1)
    assert due_reminder(target, before=REMINDERS, now=target + dt.timedelta(minutes=1)) is None


@pytest.mark.django_db
def test_a_failing_job_is_reported_and_the_others_still_run():
    ran = []

    @job("test.broken")
    def broken(now):
        raise RuntimeError("registry unreachable")

    @job("test.fine")
    def fine(now):
        ran.append(now)

    try:
        with pytest.raises(CommandError, match="1 job"):
            call_command("cron", "test.broken", "test.fine")
        results = scheduling.run_jobs(["test.broken", "test.fine"])
    finally:
        scheduling.JOBS.unregister("test.broken")
        scheduling.JOBS.unregister("test.fine")
    assert results["test.broken"] == (False, "RuntimeError: registry unreachable")
    assert len(ran) == 2


@pytest.mark.django_db
def test_an_unknown_job_is_refused_by_name():
    with pytest.raises(CommandError, match="No such job: nope"):
        call_command("cron", "nope")


def test_jobs_of_installed_apps_are_discovered():
    assert {"mail.retry", "privacy.retention_purge", "selection.offer_expiry"} <= set(scheduling.jobs())


@pytest.mark.django_db
def test_jobs_with_nothing_to_do_are_not_reported_as_failed(capsys):
    call_command("cron")
    captured = capsys.readouterr()
    assert "FAILED" not in captured.err and "FAILED" not in captured.out

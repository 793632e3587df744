import datetime as dt

import pytest
from django.core import mail

from academy.applications.jobs import draft_reminders
from academy.applications.models import Application, Status
from academy.mail.models import OutboxMessage
from tests import factories


@pytest.fixture
def drafts(edition):
    draft = Application.objects.create(edition=edition, applicant=factories.user("dora@example.org"))
    Application.objects.create(edition=edition, applicant=factories.user("sam@example.org"), status=Status.SUBMITTED)
    return draft


@pytest.mark.django_db
def test_a_draft_is_reminded_a_week_before_once_however_often_the_job_runs(edition, drafts):
    three_days_before = edition.deadline - dt.timedelta(days=3)
    draft_reminders(three_days_before)
    draft_reminders(three_days_before + dt.timedelta(hours=1))
    assert [m.to for m in mail.outbox] == [["Test Person <dora@example.org>"]]
    assert "not submitted" in mail.outbox[0].body and "31 October 2022, 23:59 CET" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_last_day_brings_a_second_reminder_and_nothing_after_the_deadline(edition, drafts):
    draft_reminders(edition.deadline - dt.timedelta(days=3))
    draft_reminders(edition.deadline - dt.timedelta(hours=10))
    draft_reminders(edition.deadline + dt.timedelta(hours=1))
    assert OutboxMessage.objects.filter(purpose="draft_reminder").count() == 2


@pytest.mark.django_db
def test_nothing_is_sent_more_than_a_week_before(edition, drafts):
    assert draft_reminders(edition.deadline - dt.timedelta(days=9)) is None
    assert mail.outbox == []

"""The scheduled offer reminders and expiry, and `academy offers expire`: running twice sends nothing twice."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from academy.applications.models import Status
from academy.core.scheduling import jobs, run_jobs
from academy.mail.models import OutboxMessage
from academy.selection.models import Offer, SelectionRules

from . import offer_builders as b

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2022, 11, 20, 10, 0, tzinfo=dt.UTC)
JOBS = ["selection.offer_reminders", "selection.offer_expiry"]


@pytest.fixture
def edition():
    edition = b.edition(seats=(1, 2))
    people = b.pool(edition, [("Ada", "DE", 3.0), ("Bo", "FR", 2.0), ("Cy", "IT", 1.0)])
    b.adopted(edition, people, now=NOW)
    return edition


def test_both_jobs_are_registered():
    assert set(JOBS) <= set(jobs())


def test_the_reminder_goes_two_days_before_respond_by_once(edition):
    offer = Offer.objects.first()
    three_days_before = offer.respond_by - dt.timedelta(days=3)
    run_jobs(["selection.offer_reminders"], now=three_days_before)
    assert not OutboxMessage.objects.filter(purpose="offer_reminder").exists()
    two_days_before = offer.respond_by - dt.timedelta(days=2) + dt.timedelta(minutes=5)
    assert run_jobs(JOBS, now=two_days_before)["selection.offer_reminders"] == (True, "2 offer reminder(s) queued")
    assert run_jobs(JOBS, now=two_days_before + dt.timedelta(hours=1))["selection.offer_reminders"] == (True, "")
    reminders = OutboxMessage.objects.filter(purpose="offer_reminder")
    assert reminders.count() == 2 and reminders.first().state == "queued"
    assert "27 November 2022, 23:59 CET" in reminders.first().body
    assert Offer.objects.filter(reminded_at=two_days_before).count() == 2


def test_an_offer_made_within_two_days_of_its_respond_by_gets_no_reminder():
    edition = b.edition(seats=(1, 1))
    SelectionRules.objects.create(edition=edition, respond_days=1)
    b.adopted(edition, b.pool(edition, [("Ada", "DE", 3.0)]), now=NOW)
    run_jobs(["selection.offer_reminders"], now=NOW + dt.timedelta(hours=2))
    assert not OutboxMessage.objects.filter(purpose="offer_reminder").exists()


def test_the_expiry_job_run_twice_expires_and_promotes_once(edition):
    later = Offer.objects.first().respond_by + dt.timedelta(minutes=1)
    first = run_jobs(JOBS, now=later)
    second = run_jobs(JOBS, now=later)
    assert first["selection.offer_expiry"] == (True, "2 offer(s) expired, 1 seat(s) offered from the waitlist")
    assert second["selection.offer_expiry"] == (True, "")
    assert OutboxMessage.objects.filter(purpose="offer_expired").count() == 2
    assert OutboxMessage.objects.filter(purpose="waitlist_promotion").count() == 1
    assert edition.applications.filter(status=Status.EXPIRED).count() == 2
    assert edition.applications.get(status=Status.OFFERED).applicant.full_name == "Cy"


def test_the_command_expires_and_names_whom_it_offered_a_seat(edition):
    Offer.objects.update(respond_by=NOW)
    out = io.StringIO()
    call_command("offers", "expire", edition.slug, stdout=out)
    assert "2 offer(s) expired; 1 seat(s) offered from the waitlist." in out.getvalue()
    cy = edition.applications.get(status=Status.OFFERED).applicant
    assert f"offered to {cy.email}" in out.getvalue()
    out = io.StringIO()
    call_command("offers", "expire", stdout=out)
    assert "0 offer(s) expired" in out.getvalue()


def test_the_command_refuses_an_unknown_edition(db):
    with pytest.raises(CommandError, match="No edition"):
        call_command("offers", "expire", "no-such-edition")

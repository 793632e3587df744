"""The deadline, enforced on the server for every write: the end of the deadline day in the edition's
zone, inclusive. Pinned for a CET deadline (31 October 2022) and a CEST one (30 June 2023)."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.contrib.messages import get_messages

from academy.applications import services, standard_form, wording
from academy.applications.models import Application, Status
from tests import factories

from .helpers import COMPLETE, post_data

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
DEADLINES = [
    pytest.param(dt.date(2022, 10, 31), "CET", id="CET"),
    pytest.param(dt.date(2023, 6, 30), "CEST", id="CEST"),
]


def at(day, hour, minute, second):
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=BRUSSELS)


@pytest.fixture
def opened_draft(applicant):
    """A form opened on the afternoon of deadline day, with every answer typed, not yet posted."""

    def make(deadline):
        edition = factories.edition(deadline=deadline)
        standard_form.install(edition)
        with time_machine.travel(at(deadline, 15, 0, 0), tick=False):
            application = services.start_application(applicant, edition)
        return edition, application

    return make


@pytest.mark.parametrize(("deadline", "zone"), DEADLINES)
def test_a_submission_at_235959_in_the_edition_zone_is_accepted(client, applicant, opened_draft, deadline, zone):
    edition, application = opened_draft(deadline)
    client.force_login(applicant)
    with time_machine.travel(at(deadline, 23, 59, 59), tick=False):
        response = client.post(f"/editions/{edition.slug}/apply/", post_data(application=application, action="submit"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    version = application.versions.get()
    assert wording.when(version.submitted_at, edition) == f"{deadline:%-d %B %Y}, 23:59:59 {zone}"


@pytest.mark.parametrize(("deadline", "zone"), DEADLINES)
def test_a_submission_at_000000_the_next_day_is_refused_and_the_draft_kept(
    client, applicant, opened_draft, deadline, zone
):
    edition, application = opened_draft(deadline)
    client.force_login(applicant)
    with time_machine.travel(at(deadline + dt.timedelta(days=1), 0, 0, 0), tick=False):
        response = client.post(f"/editions/{edition.slug}/apply/", post_data(application=application, action="submit"))
    assert response.status_code == 302
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert f"The call closed on {deadline:%-d %B %Y}, end of day {zone}" in text
    assert "What you typed is kept as a draft, but it was not submitted." in text
    application.refresh_from_db()
    assert application.status == Status.DRAFT and not application.versions.exists()
    assert application.answers["motivation"] == COMPLETE["motivation"]


def test_an_edit_posted_after_the_deadline_keeps_the_submitted_version_as_the_one_that_counts(
    client, applicant, opened_draft
):
    deadline = dt.date(2022, 10, 31)
    edition, application = opened_draft(deadline)
    client.force_login(applicant)
    with time_machine.travel(at(deadline, 23, 0, 0), tick=False):
        client.post(f"/editions/{edition.slug}/apply/", post_data(application=application, action="submit"))
    application.refresh_from_db()
    late = dict(COMPLETE, motivation="A late change")
    with time_machine.travel(at(deadline + dt.timedelta(days=1), 0, 0, 1), tick=False):
        client.post(f"/editions/{edition.slug}/apply/", post_data(late, application=application, action="submit"))
        page = client.get(f"/editions/{edition.slug}/apply/").content.decode()
    application.refresh_from_db()
    assert (
        application.versions.count() == 1 and application.versions.get().answers["motivation"] == COMPLETE["motivation"]
    )
    assert application.answers["motivation"] == "A late change"
    assert "were kept as a draft; they were not submitted" in page
    assert 'id="application-form"' not in page  # after the deadline the form is read-only


def test_withdrawing_after_the_deadline_is_refused(applicant, opened_draft):
    deadline = dt.date(2022, 10, 31)
    edition, application = opened_draft(deadline)
    midnight = at(deadline + dt.timedelta(days=1), 0, 0, 0)
    with time_machine.travel(midnight, tick=False), pytest.raises(services.CallClosed):
        services.withdraw(application, by=applicant)
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT


def test_no_application_can_be_started_before_the_call_opens(applicant):
    edition = factories.edition(deadline=dt.date(2022, 10, 31))  # opens on 26 September
    night_before = at(dt.date(2022, 9, 25), 23, 59, 59)
    with time_machine.travel(night_before, tick=False), pytest.raises(services.CallClosed, match="opens on 26 Sep"):
        services.start_application(applicant, edition)
    assert not Application.objects.exists()


def test_a_late_autosave_keeps_the_text_and_says_it_was_not_submitted(client, applicant, opened_draft):
    deadline = dt.date(2022, 10, 31)
    edition, application = opened_draft(deadline)
    client.force_login(applicant)
    with time_machine.travel(at(deadline + dt.timedelta(days=1), 0, 0, 0), tick=False):
        response = client.post(
            f"/editions/{edition.slug}/apply/save/motivation/", {"q-motivation": "Typed at midnight"}
        )
    page = response.content.decode()
    assert "Kept as a draft; not submitted." in page and "The call closed on 31 October 2022" in page
    assert Application.objects.get(pk=application.pk).answers["motivation"] == "Typed at midnight"

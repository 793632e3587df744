"""Shared setup of the participant's browser tests: an edition with its programme, a meeting room that answers the
session's video link, homework with a reviewing coach, an open survey, and a real PDF to hand in."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from weasyprint import HTML

from academy.programme.models import Part
from tests import factories
from tests.participation import helpers
from tests.programme import factories as pf

MEETING = "https://meet.example/cba-2022-day1"


@pytest.fixture
def programme():
    """The 2022 edition with an online session (its video link is MEETING) and an in-person one."""
    edition = factories.edition(deadline=dt.date(2022, 10, 31), name="Cluster Booster Academy 2022")
    pf.session(edition, title="Cluster strategy", start=dt.time(9), end=dt.time(10, 30), video_link=MEETING)
    pf.session(edition, title="Train the trainers", part=Part.IN_PERSON, room="Amphitheatre 1")
    return edition


@pytest.fixture
def meeting_room(page):
    """The video platform, answered inside the browser: following the join link lands on a page we can see."""
    page.route(
        "https://meet.example/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Meeting</title><h1>Meeting room</h1>"
        ),
    )
    return MEETING


@pytest.fixture
def coursework(db):
    """What a participant meets between the two parts, for `edition` (a factory): a coach reviewing an assignment
    due in two weeks, an open survey. Call it with the edition."""

    def make(edition):
        coach = helpers.coach(edition)
        work = helpers.assignment(edition, reviewer=coach, due=timezone.localdate() + dt.timedelta(days=14))
        survey = helpers.survey(edition, opens_at=timezone.now() - dt.timedelta(hours=1))
        return SimpleNamespace(coach=coach, assignment=work, survey=survey)

    return make


def service_map_pdf():
    """A real PDF, as a participant would export it from their word processor."""
    return HTML(string="<h1>Our service map</h1><p>Two gaps: training and finance.</p>").write_pdf()


def open_programme(page, live_server, edition):
    page.goto(f"{live_server.url}/editions/{edition.slug}/programme/")
    expect(page.get_by_role("heading", level=1, name=re.compile("Programme"))).to_be_visible()

"""A participant's way through the programme in a real browser, from a time zone other than the edition's."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.academy_days import MEETING, open_programme
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """The viewer sits in New York: 09:00 in Brussels on 1 December is 03:00 for them."""
    return {**browser_context_args, "timezone_id": "America/New_York", "locale": "en-GB"}


def test_a_participant_opens_the_programme_and_joins_the_session(
    page, live_server, sign_in, programme, meeting_room, axe_violations
):
    participant = pf.participant(programme, email="ana.costa@cluster-pt.example", full_name="Ana Costa")
    sign_in(participant.applicant.email)
    open_programme(page, live_server, programme)
    row = page.get_by_role("row", name=re.compile("Cluster strategy"))
    expect(row).to_contain_text("09:00–10:30 CET")
    expect(row).to_contain_text("(03:00–04:30 your time)")
    expect(page.get_by_text("Your time zone is America/New_York")).to_be_visible()
    assert axe_violations(page) == []
    join = page.get_by_role("link", name="Join Cluster strategy")
    expect(join).to_have_attribute("href", MEETING)
    join.click()
    expect(page).to_have_url(MEETING)
    expect(page.get_by_role("heading", name="Meeting room")).to_be_visible()


def test_an_anonymous_visitor_sees_the_timetable_without_links(page, live_server, programme, axe_violations):
    open_programme(page, live_server, programme)
    expect(page.get_by_role("row", name=re.compile("Cluster strategy"))).to_contain_text("For participants")
    expect(page.get_by_role("row", name=re.compile("Train the trainers"))).to_contain_text("Amphitheatre 1")
    expect(page.get_by_role("link", name=re.compile("^Join"))).to_have_count(0)
    assert MEETING not in page.content()
    assert axe_violations(page) == []

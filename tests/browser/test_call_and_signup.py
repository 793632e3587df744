import datetime as dt
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_reads_the_call_with_the_deadline_in_their_time_zone(page, live_server, axe_violations):
    edition = factories.edition(deadline=dt.date(2022, 10, 31), objectives="Peer learning.")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/editions/{edition.slug}/")
    expect(page.get_by_role("heading", level=1, name=edition.name)).to_be_visible()
    expect(page.get_by_text("31 October 2022, end of day CET")).to_be_visible()
    expect(page.locator("[data-local-time]")).to_contain_text("in your time zone")
    expect(page.get_by_role("heading", name="Objectives")).to_be_visible()
    assert axe_violations(page) == []


def test_a_new_person_signs_up_to_apply_verifies_and_lands_on_the_apply_page(page, live_server, axe_violations):
    edition = factories.edition(deadline=dt.date.today() + dt.timedelta(days=20), name="Cluster Booster Academy")
    page.goto(f"{live_server.url}/editions/{edition.slug}/")
    page.get_by_role("link", name="Sign up to apply").click()
    assert axe_violations(page) == []
    page.get_by_label("Email").fill("ines@example.org")
    page.get_by_label("Full name").fill("Inês Costa")
    page.get_by_label("Password:", exact=True).fill("cluster-manager-42")
    page.get_by_label("Password (again)").fill("cluster-manager-42")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify your email address")).to_be_visible()
    body = mail.outbox[-1].body
    assert "Booster Academy" in body and "Hello from" not in body
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", body).group(1)  # on SITE_URL
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Signed in as Inês Costa")
    expect(page).to_have_url(f"{live_server.url}/editions/{edition.slug}/apply/")


def test_skip_link_is_the_first_stop_of_the_keyboard(page, live_server):
    edition = factories.edition()
    page.goto(f"{live_server.url}/editions/{edition.slug}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"

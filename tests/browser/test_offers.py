"""Offers in a real browser: an applicant confirms her seat with her needs; another declines, and the
next waitlisted applicant finds an offer on her applications page. (The organiser's side, setting a
country cap, running and adopting, is in the selection runs' browser test.)"""

import pytest
from playwright.sync_api import expect

from academy.applications.models import Status
from academy.participation.models import ParticipantNeeds
from academy.selection.models import Offer
from tests import factories
from tests.selection import offer_builders as b

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people():
    return b.two_seats_three_applicants()[1]


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_one_applicant_confirms_with_her_needs_another_declines_and_the_next_receives_an_offer(
    page, live_server, sign_in, axe_violations, people
):
    ada, bo, cy = people["Ada Lovelace"], people["Bo Berg"], people["Cy Conte"]
    sign_in(ada.applicant.email)
    page.goto(f"{live_server.url}/me/applications/")
    page.get_by_role("link", name="Confirm or decline your seat by").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your seat at")
    expect(page.locator("[data-local-time]").first).to_contain_text("in your time zone")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Confirm my seat").click()  # nothing ticked yet
    expect(page.get_by_text("Your seat is not confirmed yet")).to_be_visible()
    page.get_by_label("Vegetarian").check()
    page.get_by_label("Accessibility needs").fill("Step-free access, please")
    page.get_by_role("button", name="Confirm my seat").click()
    expect(page.get_by_text("Tick this box: every participant makes this commitment.").first).to_be_visible()
    expect(page.get_by_label("Accessibility needs")).to_have_value("Step-free access, please")  # kept
    for _key, label in b.COMMITMENTS:
        page.get_by_label(label).check()
    page.get_by_role("button", name="Confirm my seat").click()
    expect(page.get_by_role("heading", name="Your seat is confirmed")).to_be_visible()
    expect(page.get_by_text("Your dietary needs: Vegetarian.")).to_be_visible()
    assert axe_violations(page) == []
    ada.refresh_from_db()
    assert ada.status == Status.CONFIRMED
    assert ParticipantNeeds.objects.get(application=ada).accessibility == "Step-free access, please"

    log_out(page)
    sign_in(bo.applicant.email)
    page.goto(f"{live_server.url}/me/applications/{bo.pk}/offer/")
    page.get_by_label("Why do you decline? (optional)").first.fill("A clash with our general assembly")
    page.get_by_role("button", name="Decline my seat").click()
    expect(page.get_by_text("You declined your seat. Thank you for telling us.")).to_be_visible()
    expect(page.get_by_role("heading", name="You declined this seat")).to_be_visible()

    log_out(page)
    sign_in(cy.applicant.email)
    page.goto(f"{live_server.url}/me/applications/")
    page.get_by_role("link", name="Confirm or decline your seat by").click()
    expect(page.get_by_text("a seat became free and you were next on the waitlist")).to_be_visible()
    assert Offer.objects.get(application=cy).from_waitlist

    log_out(page)
    organiser = factories.with_role("organiser", cy.edition)
    sign_in(organiser.email)
    page.goto(f"{live_server.url}/orga/{cy.edition.slug}/offers/")
    expect(page.get_by_role("row", name="Cy Conte")).to_contain_text("Yes")  # from the waitlist
    expect(page.get_by_role("row", name="Bo Berg")).to_contain_text("A clash with our general assembly")
    page.get_by_role("combobox", name="State").select_option("confirmed")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("row", name="Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("row", name="Bo Berg")).to_have_count(0)
    assert axe_violations(page) == []

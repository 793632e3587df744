"""An organiser publishes a new version of the edition's privacy notice; the public page then shows it
with the retention period from the setting, on a laptop and on a phone; both pages pass axe."""

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.privacy import notices
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_organiser_publishes_a_new_version_that_applicants_then_read(page, live_server, sign_in, axe_violations):
    edition = factories.edition()
    organiser = factories.with_role(Role.ORGANISER, edition)
    notices.current_notice(edition)
    sign_in(organiser.email)

    page.goto(f"{live_server.url}/orga/{edition.slug}/privacy/notice/")
    expect(page.get_by_role("heading", level=2)).to_contain_text(f"({edition.year}-2)")
    assert axe_violations(page) == []
    page.get_by_label("Contact for questions about personal data").fill("not an address")
    page.get_by_label("What is kept").fill("Only what you typed in the form.")
    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()
    expect(page.get_by_label("What is kept")).to_have_value("Only what you typed in the form.")
    assert axe_violations(page) == []

    page.get_by_label("Contact for questions about personal data").fill("privacy@example.org")
    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text(f"Version {edition.year}-2 is published")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Privacy notice")
    expect(page.get_by_text("Only what you typed in the form.")).to_be_visible()
    expect(page.get_by_text("anonymised 12 months after the last in-person day")).to_be_visible()
    expect(page.get_by_text(f"Version {edition.year}-1, published")).to_be_visible()
    assert axe_violations(page) == []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"the notice fits {width} px"

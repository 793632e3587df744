"""An organiser issues certificates and watches the run finish; the participant downloads theirs and opens
the verification link that its QR code carries."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from academy.completion.models import Certificate
from tests import factories
from tests.completion import helpers
from tests.programme import factories as programme

pytestmark = pytest.mark.django_db(transaction=True)


def test_organiser_issues_certificates_and_participant_downloads_and_verifies_one(
    page, live_server, sign_in, axe_violations, settings
):
    settings.SITE_URL = live_server.url  # the verification address in the page and the PDF is absolute
    edition = factories.edition()
    organiser = factories.with_role("organiser", edition)
    days, work = helpers.programme_of(edition), helpers.assignment(edition)
    person = helpers.complete(programme.participant(edition, full_name="Inês Costa"), days, [work])
    helpers.complete(programme.participant(edition, full_name="Absent Person"), days[1:], [work])

    sign_in(organiser.email)
    page.goto(f"{live_server.url}/orga/{edition.slug}/completion/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Completion and certificates")
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="Absent Person")).to_contain_text("absent on 1 Dec 2022")
    expect(table.get_by_role("row", name="Inês Costa")).to_contain_text("Met")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Issue certificates").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Issuing certificates")
    expect(page.get_by_role("status").filter(has_text="done")).to_contain_text("1 of 1 done — 1 certificate issued")
    assert axe_violations(page) == []
    code = Certificate.objects.get(application=person).code

    page.context.clear_cookies()
    sign_in(person.applicant.email)
    page.goto(f"{live_server.url}/me/editions/{edition.slug}/certificate/")
    expect(page.get_by_role("heading", level=1, name="Your certificate")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate (PDF)").click()
    text = PdfReader(io.BytesIO(download.value.path().read_bytes())).pages[0].extract_text()
    assert "Inês Costa" in text and code in text.replace(" ", "").replace("\n", "")

    page.get_by_role("link", name=f"/verify/{code}/").click()
    verified = page.get_by_role("region", name="This certificate is valid")
    expect(verified).to_contain_text("Inês Costa")
    expect(verified).to_contain_text(edition.name)
    assert axe_violations(page) == []

"""The applicant's path in a real browser, as a new cluster manager walks it: sign up, verify, see that
they may apply, fill in the form (autosaved, surviving a reload), submit, download the receipt, edit,
withdraw. And a person who may not apply is told why."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from academy.applications import standard_form
from academy.registry.models import RegistryRole
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_edition():
    edition = factories.edition(deadline=timezone.localdate() + dt.timedelta(days=20), name="Cluster Booster Academy")
    standard_form.install(edition)
    return edition


def sign_up_and_verify(page, live_server, email, name):
    page.get_by_role("link", name="Sign up to apply").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Password:", exact=True).fill("cluster-manager-42")
    page.get_by_label("Password (again)").fill("cluster-manager-42")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify your email address")).to_be_visible()
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)  # on SITE_URL
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("button", name="Confirm").click()


def test_a_cluster_manager_applies_from_sign_up_to_withdrawal(
    page, live_server, open_edition, axe_violations, tmp_path
):
    factories.registered("ines@example.org", country="PT", name="Inês Costa")
    page.goto(f"{live_server.url}/editions/{open_edition.slug}/")
    sign_up_and_verify(page, live_server, "ines@example.org", "Inês Costa")

    page.goto(f"{live_server.url}/editions/{open_edition.slug}/")
    expect(page.get_by_role("heading", name="You can apply")).to_be_visible()
    page.get_by_role("button", name="Start your application").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Your application"))).to_be_visible()
    expect(page.get_by_text("0 of 9 required answers")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("6–10 years").check()
    expect(page.locator("#status-experience")).to_contain_text("Saved at")
    page.get_by_label("Engineering / science").check()
    page.get_by_label("Digital", exact=True).check()
    motivation = page.get_by_label("Why do you want to take part in the Cluster Booster Academy?")
    motivation.fill("Our members need help with EU funding & <going> abroad.")
    motivation.press("Tab")
    expect(page.locator("#status-motivation")).to_contain_text("Saved at")
    expect(page.get_by_text("4 of 9 required answers")).to_be_visible()

    page.reload()
    expect(motivation).to_have_value("Our members need help with EU funding & <going> abroad.")
    expect(page.get_by_label("6–10 years")).to_be_checked()

    expectations = page.get_by_label("What do you expect from the trainers and the other participants?")
    expectations.fill("Peer learning.")
    expectations.press("Tab")
    expect(page.locator("#status-expectations")).to_contain_text("Saved at")
    for key, label in (
        ("commit_attend", "I commit to attend all 4"),
        ("commit_camera", "I commit to turn on my camera"),
        ("commit_homework", "I commit to do the homework"),
        ("privacy", "I have read the privacy notice"),
    ):
        page.get_by_label(re.compile(label)).check()
        expect(page.locator(f"#status-{key}")).to_contain_text("Saved at")  # as a person sees each tick saved
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_text(re.compile(r"Your application was submitted on .* \(version 1\)"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Status: Submitted"))).to_be_visible()
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the receipt of version 1 (PDF)").click()
    saved = tmp_path / "receipt.pdf"
    download_info.value.save_as(saved)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    assert "Our members need help with EU funding & <going> abroad." in text and "Version 1, submitted on" in text
    receipt = next(m for m in mail.outbox if m.subject.startswith("We received your application"))
    assert "ines@example.org" in receipt.to[0] and receipt.attachments[0][0].endswith("-v1.pdf")

    motivation.fill("Our members need help with EU funding, and with going abroad.")
    page.get_by_role("button", name="Submit again").click()
    expect(page.get_by_text(re.compile(r"submitted on .* \(version 2\)"))).to_be_visible()

    page.get_by_text("Withdraw my application", exact=True).first.click()
    page.get_by_role("button", name="Withdraw my application").click()
    expect(page.get_by_role("heading", name=re.compile("Status: Withdrawn"))).to_be_visible()
    expect(page.get_by_role("button", name="Undo the withdrawal")).to_be_visible()

    page.goto(f"{live_server.url}/me/applications/")
    expect(page.get_by_role("cell", name="Withdrawn")).to_be_visible()


def test_a_cluster_staff_member_is_told_why_they_cannot_apply(page, live_server, open_edition, sign_in, axe_violations):
    staff = factories.user("sven@example.org", full_name="Sven Staff")
    factories.registered(staff.email, role=RegistryRole.STAFF, country="SE")
    sign_in(staff.email)
    page.goto(f"{live_server.url}/editions/{open_edition.slug}/")
    expect(page.get_by_role("heading", name="You cannot apply yet")).to_be_visible()
    expect(page.get_by_text(re.compile("registered as staff of .* open only to the manager in charge"))).to_be_visible()
    assert axe_violations(page) == []


def test_a_pdf_is_uploaded_as_soon_as_it_is_chosen_and_a_wrong_file_is_refused(page, live_server, sign_in, tmp_path):
    from academy.applications.models import Question

    edition = factories.edition(deadline=timezone.localdate() + dt.timedelta(days=20))
    Question.objects.create(edition=edition, key="plan", label="Your cluster strategy", type="file", required=False)
    person = factories.user("ana@example.org")
    factories.registered(person.email, country="PT")
    sign_in(person.email)
    page.goto(f"{live_server.url}/editions/{edition.slug}/")
    page.get_by_role("button", name="Start your application").click()
    fake = tmp_path / "strategy.pdf"
    fake.write_bytes(b"MZ not a pdf at all")
    page.get_by_label("Your cluster strategy").set_input_files(fake)
    expect(page.locator("#error-plan")).to_contain_text("Only PDF files can be uploaded")
    real = tmp_path / "strategy-2022.pdf"
    real.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("Your cluster strategy").set_input_files(real)
    expect(page.get_by_role("link", name="strategy-2022.pdf")).to_be_visible()
    expect(page.locator("#error-plan")).to_be_empty()

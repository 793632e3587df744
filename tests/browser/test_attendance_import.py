"""An organiser imports a British Zoom report in a real browser: upload, a preview that says how the dates were
read and which rows were ignored, nothing saved until the confirmation."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.programme.models import Attendance
from tests import factories
from tests.programme import factories as pf
from tests.programme.report_files import cohort_visits, encode, zoom

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_organiser_uploads_previews_and_confirms_a_day_first_zoom_report(page, live_server, sign_in, axe_violations):
    edition = factories.edition(deadline=dt.date(2022, 10, 31))
    organiser = factories.with_role(Role.ORGANISER, edition)
    people = {
        "Ana Costa": pf.participant(edition, email="ana.costa@cluster-pt.example", full_name="Ana Costa"),
        "Bruno Keller": pf.participant(edition, email="bruno@cluster-de.example", full_name="Bruno Keller"),
        "Chloé Dubois": pf.participant(edition, email="chloe.dubois@cluster-fr.example", full_name="Chloé Dubois"),
        "Dana Novak": pf.participant(edition, email="dana@cluster-si.example", full_name="Dana Novak"),
    }
    session = pf.session(edition, title="Cluster strategy", start=dt.time(9), end=dt.time(10, 30))
    report = encode(zoom(cohort_visits(edition.online_start), "en-GB"), "utf-8-sig")

    sign_in(organiser.email)
    page.goto(live_server.url + reverse("programme:roll_call", kwargs={"slug": edition.slug, "pk": session.pk}))
    page.get_by_role("link", name="Import the video platform's report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import a participant report")
    expect(page.get_by_text("Reports from any language setting are read")).to_be_visible()
    page.get_by_label("Participant report").set_input_files(
        {"name": "participants_81234567890.csv", "mimeType": "text/csv", "buffer": report}
    )
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the import")
    expect(page.get_by_text("Read as UTF-8 with byte order mark text, comma-separated.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Dates read as day/month/year, the order that puts them"))).to_be_visible()
    ignored = page.get_by_role("region", name="1 row ignored")
    expect(ignored).to_contain_text("Line 7: Dana Novak was in the waiting room, not yet admitted: not attendance.")
    matched = page.get_by_role("table", name="Participants found in the report")
    expect(matched.get_by_role("row", name=re.compile("^Dana Novak"))).to_contain_text("45")
    expect(matched.get_by_role("row", name=re.compile("^Chloé Dubois"))).to_contain_text("name")
    assert axe_violations(page) == []
    assert not Attendance.objects.exists(), "nothing is saved before the confirmation"
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page fits a phone's width"

    page.get_by_role("button", name="Confirm the import").click()
    expect(
        page.get_by_text("Imported the attendance of 4 participants. 2 people of the report were left unmatched.")
    ).to_be_visible()
    saved = {a.application_id: a.minutes for a in Attendance.objects.filter(session=session)}
    assert saved == {
        people["Ana Costa"].pk: 85,
        people["Bruno Keller"].pk: 90,
        people["Chloé Dubois"].pk: 80,
        people["Dana Novak"].pk: 45,
    }

"""A person downloads their data and deletes their account in a real browser; both pages pass axe."""

import json
import pathlib

import pytest
from playwright.sync_api import expect

from academy.accounts.models import User
from tests import factories
from tests.privacy.footprint import leave_footprint, past_edition

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_downloads_their_data_then_deletes_their_account(page, live_server, login, axe_violations):
    person = leave_footprint(past_edition())
    login(person.email, factories.PASSWORD)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.goto(f"{live_server.url}/me/")
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data (JSON)").click()
    data = json.loads(pathlib.Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["email"] == person.email and person.phrase in json.dumps(data, ensure_ascii=False)

    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my account")
    assert axe_violations(page) == []
    page.get_by_label("Your password").fill("not my password")
    page.get_by_label("I understand that this cannot be undone.").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("That is not your password")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Your password").fill(factories.PASSWORD)
    page.get_by_label("I understand that this cannot be undone.").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account is deleted")).to_be_visible()
    assert not User.objects.filter(email=person.email).exists()

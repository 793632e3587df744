"""An organiser opens an edition's dashboard, reads the funnel and a chart's table, then sets up the next edition."""

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.editions.models import Edition
from tests import factories
from tests.reports import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_organiser_reads_the_dashboard_and_clones_the_edition(page, live_server, sign_in, axe_violations):
    edition = factories.edition(name="Cluster Booster Academy 2022", slug="cba-2022")
    builders.structure(edition)
    builders.people(edition, 10)
    organiser = factories.with_role(Role.ORGANISER, edition, email="orga@example.org")

    sign_in(organiser.email)
    page.goto(f"{live_server.url}/orga/cba-2022/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cluster Booster Academy 2022: dashboard")
    funnel = page.get_by_role("table", name="From a started application to completion")
    expect(funnel.get_by_role("row", name="Started an application")).to_contain_text("10")
    expect(funnel.get_by_role("row", name="Completed")).to_contain_text("0 / 10")
    countries = page.get_by_role("table", name="Applicants and cohort by country")
    expect(countries.get_by_role("row", name="Portugal")).to_be_visible()
    expect(page.locator("#chart-country")).to_be_visible()  # Chart.js drew on it: it has a size
    assert page.locator("#chart-country").evaluate("canvas => canvas.width") > 0
    assert axe_violations(page) == []

    page.get_by_role("link", name="Set up the next edition").click()
    expect(page.get_by_label("Name of the new edition")).to_have_value("Cluster Booster Academy 2023")
    expect(page.get_by_label("Short name")).to_have_value("cba-2023")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Create the next edition").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cluster Booster Academy 2023: dashboard")
    expect(page.get_by_text("Cluster Booster Academy 2023 is set up from Cluster Booster Academy 2022")).to_be_visible()
    assert page.url == f"{live_server.url}/orga/cba-2023/"
    assert Edition.objects.get(slug="cba-2023").applications.count() == 0

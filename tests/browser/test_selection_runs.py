"""An organiser sets a country cap, runs the selection and watches its progress finish, runs a what-if,
compares the two runs and adopts one; then one offered applicant confirms, another declines, and the
next waitlisted applicant whose entry keeps the cap receives the freed seat."""

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.selection import execution
from academy.selection.models import Offer, SelectionRules, SelectionRun
from tests import factories
from tests.browser.menu import open_tool
from tests.selection import builders

pytestmark = pytest.mark.django_db(transaction=True)

SLOW = 20_000  # ms: the worker and the poll share two busy cores with other processes


def work_off_the_queue():
    """What `academy db_worker` does: solve the queued run (the page polls meanwhile)."""
    run = SelectionRun.objects.get(state="queued")
    execution.execute(run.pk)
    return run


def start(page, seed):
    open_tool(page, "Selection runs")
    page.get_by_label("Seed").fill(str(seed))
    page.get_by_role("button", name="Run the selection").click()
    expect(page.get_by_role("status")).to_contain_text("Waiting for a worker")
    work_off_the_queue()
    expect(page.get_by_role("heading", name="The cohort: 4 people")).to_be_visible(timeout=SLOW)


def test_an_organiser_sets_a_country_cap_runs_compares_and_adopts(page, live_server, sign_in, axe_violations, settings):
    # No worker in this test: the run stays queued until the test works it off, so the page must poll.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    edition = builders.small_edition()
    apps = edition.apps
    factories.with_role(Role.ORGANISER, edition, "olga@example.org")

    sign_in("olga@example.org")
    page.goto(f"{live_server.url}/orga/{edition.slug}/selection/rules/")
    assert axe_violations(page) == []
    country = page.get_by_role("group", name="Country cap")
    expect(country.get_by_label("Apply this cap")).to_be_checked()
    country.get_by_label("At most this many selected").fill("1")
    page.get_by_role("button", name="Save the rules").click()
    expect(page.get_by_text("Rules saved. The next run uses them.")).to_be_visible()
    expect(page.get_by_text("the country cap of 1")).to_be_visible()
    assert axe_violations(page) == []
    assert SelectionRules.objects.get(edition=edition).rules[0] == {"rule": "country_cap", "limit": 1}

    open_tool(page, "Selection locks")
    page.get_by_role("combobox", name=f"{apps[5].applicant.full_name} lock").select_option("Must select")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the locks").click()
    expect(page.get_by_text("1 lock(s) changed.")).to_be_visible()

    start(page, 7)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Selection run 1 {edition.name}")
    cohort = page.get_by_role("table", name="The selected applicants, best score first")
    expect(cohort).to_contain_text(apps[0].applicant.full_name)
    expect(cohort).not_to_contain_text(apps[1].applicant.full_name)  # the second German: the cap of 1
    expect(cohort).to_contain_text(f"{apps[5].applicant.full_name} locked in")  # the lowest score, locked in
    rules = page.get_by_role("table", name="Each rule: its value in the cohort, its limit, and whether it binds")
    expect(rules).to_contain_text("the country cap of 1")
    expect(page.get_by_role("table", name="Country: the cohort against the pool")).to_be_visible()
    expect(page.locator("canvas#mix-country")).to_be_visible()
    waitlist = page.get_by_role("table", name="The waitlist in order, with explanations")
    expect(waitlist).to_contain_text("country cap of 1 for DE reached by one applicant")
    assert axe_violations(page) == []

    open_tool(page, "Selection rules")
    page.get_by_role("group", name="Country cap").get_by_label("At most this many selected").fill("2")
    page.get_by_role("button", name="Save the rules").click()
    start(page, 7)

    page.get_by_role("link", name="Compare with run 1").click()
    expect(page.get_by_role("heading", name="Run 2 and run 1")).to_be_visible()
    expect(page.get_by_role("table", name="Selected in run 2 only")).to_contain_text(apps[1].applicant.full_name)
    expect(page.get_by_role("table", name="Score and diversity of each cohort")).to_contain_text("Countries")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Run 1").first.click()
    page.get_by_role("button", name="Adopt this run…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Adopt run 1?")
    page.get_by_role("button", name="Adopt run 1").click()
    expect(page.get_by_text("Run 1 is adopted as the decision.")).to_be_visible()
    expect(page.get_by_text("Adopted on")).to_be_visible()
    assert SelectionRun.objects.get(adopted_at__isnull=False).number == 1
    assert axe_violations(page) == []

    # Offered: apps 0 (DE), 3, 4 and 5; the other Germans wait. The French applicant confirms.
    answer_the_offer(page, live_server, sign_in, apps[3], "Confirm my seat")
    expect(page.get_by_role("heading", name="Your seat is confirmed")).to_be_visible()
    # The German declines: the cap of 1 for DE now lets the best waiting German in.
    answer_the_offer(page, live_server, sign_in, apps[0], "Decline my seat")
    expect(page.get_by_role("heading", name="You declined this seat")).to_be_visible()
    log_out(page)
    sign_in(apps[1].applicant.email)
    page.goto(f"{live_server.url}/me/applications/")
    expect(page.get_by_role("link", name="Confirm or decline your seat by")).to_be_visible()
    assert axe_violations(page) == []
    assert Offer.objects.get(application=apps[1]).from_waitlist
    assert not Offer.objects.filter(application=apps[2]).exists()


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def answer_the_offer(page, live_server, sign_in, application, button):
    log_out(page)
    sign_in(application.applicant.email)
    page.goto(f"{live_server.url}/me/applications/{application.pk}/offer/")
    page.get_by_role("button", name=button).click()

"""The cohort as a community: an organiser forms and publishes peer groups; a participant finds her group,
joins the directory and leaves it again."""

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.community.models import DirectoryEntry, GroupMember
from tests import factories
from tests.community import helpers

pytestmark = pytest.mark.django_db(transaction=True)
COUNTRIES = ["PT", "PT", "ES", "ES", "DE", "FR", "IT"]


def test_organiser_publishes_groups_and_a_participant_joins_then_leaves_the_directory(
    page, live_server, sign_in, axe_violations
):
    edition = factories.edition()
    organiser = factories.with_role(Role.ORGANISER, edition)
    cohort = helpers.cohort(edition, COUNTRIES)
    ines = helpers.member(edition, full_name="Inês Costa", country="NL")

    sign_in(organiser.email)
    page.goto(f"{live_server.url}/orga/{edition.slug}/groups/")
    expect(page.get_by_role("heading", level=1, name="Peer-learning groups")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("People per group").fill("4")
    page.get_by_label("Seed").fill("7")
    page.get_by_role("button", name="Form groups").click()
    expect(page.get_by_text("2 groups formed")).to_be_visible()
    expect(page.get_by_role("table", name="Members of Group 1")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Publish the groups").click()
    expect(page.get_by_text("Published: participants see their group.")).to_be_visible()
    assert GroupMember.objects.filter(group__edition=edition).count() == len(cohort) + 1

    page.context.clear_cookies()
    sign_in(ines.applicant.email)
    page.goto(f"{live_server.url}/me/editions/{edition.slug}/group/")
    mine = GroupMember.objects.get(application=ines).group
    expect(page.get_by_role("heading", level=1)).to_have_text(f"My peer-learning group: {mine}")
    table = page.get_by_role("table", name="The people in my group")
    for member in GroupMember.objects.filter(group=mine).select_related("application__applicant"):
        expect(table).to_contain_text(member.application.applicant.full_name)
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="My cohort").get_by_role("link", name="Directory").click()
    page.get_by_role("link", name="Join the directory").click()
    assert axe_violations(page) == []
    page.get_by_label("I agree").check()
    page.get_by_label("My e-mail address").check()
    page.get_by_label("A few words about me").fill("I run a maritime cluster in Rotterdam.")
    page.get_by_role("button", name="Join the directory").click()
    expect(page.get_by_text("You are in the directory with what you chose to share.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Inês Costa")).to_be_visible()
    expect(page.get_by_text("I run a maritime cluster in Rotterdam.")).to_be_visible()
    expect(page.get_by_role("link", name=ines.applicant.email)).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Change what I share or leave the directory").click()
    page.get_by_role("button", name="Withdraw my consent").click()
    expect(page.get_by_text("You are no longer in the directory")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Inês Costa")).to_have_count(0)
    expect(page.get_by_text("I run a maritime cluster in Rotterdam.")).to_have_count(0)
    assert not DirectoryEntry.objects.filter(application=ines).exists()
    assert axe_violations(page) == []

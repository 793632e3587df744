"""A reviewer scores two applications with the keyboard alone and sees their progress."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.reviews.models import Assignment, Review
from tests import factories
from tests.browser.menu import open_tool
from tests.reviews import builders

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, text, limit=40):
    """Press Tab until the focused element's text is ``text``; fail if it never comes."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"{text!r} is not reachable with the Tab key")


def score_with_keyboard(page, steps):
    """The first radio of the rubric has the focus: each criterion gets the lowest value plus ``steps`` (the
    right arrow moves to the next value and chooses it), then Tab goes to the next group; the recommendation
    is chosen with Space."""
    for _ in range(4):
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    page.keyboard.press("Space")  # recommendation: the first choice, "Select"
    page.keyboard.press("Tab")
    page.keyboard.type("Scored with the keyboard.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Submit review"
    page.keyboard.press("Enter")


def test_a_reviewer_scores_two_applications_with_the_keyboard(page, live_server, login, axe_violations):
    edition = builders.edition(deadline=timezone.localdate() - dt.timedelta(days=3))  # review phase now
    reviewer = builders.reviewer(edition, email="rita@example.org")
    apps = [builders.application(edition) for _ in range(3)]
    for app in apps:
        Assignment.objects.create(edition=edition, reviewer=reviewer, application=app)

    login("rita@example.org", factories.PASSWORD)
    page.goto(f"{live_server.url}/review/{edition.slug}/")
    expect(page.get_by_text("0 of 3 scored")).to_be_visible()
    assert axe_violations(page) == []

    tab_to(page, "Next unscored")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Application {apps[0].pk}")
    assert page.evaluate("document.activeElement.name").startswith("score-"), "the rubric has the focus"
    assert axe_violations(page) == []
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("status").filter(has_text="criteria scored")).to_contain_text("1 of 4 criteria scored")
    page.keyboard.press("ArrowLeft")  # back to the first value, then as for the others
    score_with_keyboard(page, steps=4)  # 5 of 1–5 everywhere: 100

    expect(page.get_by_text("Review submitted: 1 of 3 scored.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Application {apps[1].pk}")
    score_with_keyboard(page, steps=2)  # 3 of 1–5 everywhere: 50

    expect(page.get_by_text("2 of 3 scored", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Application {apps[2].pk}")
    totals = dict(Review.objects.filter(submitted_at__isnull=False).values_list("assignment__application_id", "total"))
    assert totals == {apps[0].pk: 100.0, apps[1].pk: 50.0}
    assert Review.objects.get(assignment__application=apps[0]).comment == "Scored with the keyboard."


def test_an_organiser_assigns_reviewers_from_the_board(page, live_server, login, axe_violations):
    edition = builders.edition(deadline=timezone.localdate() - dt.timedelta(days=3))
    factories.with_role(Role.ORGANISER, edition, "olga@example.org")
    for _ in range(4):
        builders.application(edition)
        builders.reviewer(edition)
    login("olga@example.org", factories.PASSWORD)
    page.goto(f"{live_server.url}/orga/{edition.slug}/reviews/")
    page.get_by_role("button", name="Assign reviewers automatically").click()
    expect(page.get_by_text("2 reviewers for each of 4 applications: 8 new assignments")).to_be_visible()
    expect(page.get_by_role("table", name="Reviews assigned, begun and submitted per reviewer")).to_contain_text(
        "Rita Reviewer"
    )
    assert axe_violations(page) == []
    for name in ("Rubric", "Reviewers", "Review settings"):
        open_tool(page, name)
        assert axe_violations(page) == [], name

"""An organiser screens applications in a real browser: filters by label, opens one, and nothing fails axe."""

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from tests import factories
from tests.applications import screening_factories as sf

pytestmark = pytest.mark.django_db(transaction=True)


def test_organiser_filters_the_list_and_opens_an_application(page, live_server, sign_in, axe_violations):
    edition = factories.edition()
    sf.questions(edition)
    sf.application(edition, name="Ana Silva", country="PT", answers={"motivation": "<script>alert(1)</script>"})
    sf.application(edition, name="Jonas Novak", country="DE")
    organiser = factories.with_role(Role.ORGANISER, edition)
    sign_in(organiser.email)

    page.goto(f"{live_server.url}/orga/{edition.slug}/applications/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Applications")
    assert axe_violations(page) == []
    page.get_by_label("Country of the organisation").select_option(label="Portugal")
    page.get_by_role("button", name="Apply").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(2)  # the header and Ana
    expect(page.get_by_label("Country of the organisation")).to_have_value("PT")
    expect(page.get_by_role("link", name="Download these as CSV")).to_have_attribute(
        "href", f"/orga/{edition.slug}/applications/export.csv?country=PT"
    )

    table.get_by_role("link", name="Ana Silva").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ana Silva")
    answers = page.get_by_role("region", name="Answers (submitted version 1)")
    expect(answers.get_by_text("<script>alert(1)</script>")).to_be_visible()
    expect(page.get_by_role("heading", name="Eligibility")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_list_fits_the_window_with_its_score_column(page, live_server, sign_in, axe_violations, tmp_path, width):
    from academy.reviews.models import Assignment, Review
    from tests.reviews import builders

    edition = factories.edition()
    sf.questions(edition)
    apps = [
        sf.application(edition, name=name, org_name=org, country=country)
        for name, org, country in [
            ("Anastasia Konstantinopoulou-Papadimitriou", "Cluster of Advanced Manufacturing of Thessaloniki", "GR"),
            ("Ben Brandt", "Automotive Cluster Baden-Württemberg", "DE"),
            ("Cem Celik", "Istanbul Textile and Apparel Cluster", "TR"),
        ]
    ]
    for total, reviewer in [(40, builders.reviewer(edition, full_name="H")), (80, builders.reviewer(edition))]:
        for n, app in enumerate(apps):
            assignment = Assignment.objects.create(edition=edition, reviewer=reviewer, application=app)
            Review.objects.create(assignment=assignment, total=total + 5 * n, submitted_at=builders.DURING_REVIEW)
    organiser = factories.with_role(Role.ORGANISER, edition)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(organiser.email)

    page.goto(f"{live_server.url}/orga/{edition.slug}/applications/?per_page=100")
    table = page.get_by_role("region", name="Applications matching the filters")
    for header in ["Applicant", "Organisation", "Country", "Status", "Eligible", "Score", "Last submitted"]:
        expect(table.get_by_role("columnheader", name=header)).to_be_visible()
    expect(page.get_by_label("Rows per page")).to_have_value("100")
    page.screenshot(path=tmp_path / f"applications-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page is wider than the window"
    if width == 1280:  # every column on screen, without scrolling the table
        assert page.evaluate(
            "(() => { const t = document.querySelector('.table-scroll'); return t.scrollWidth <= t.clientWidth; })()"
        )
    assert axe_violations(page) == []

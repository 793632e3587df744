"""The organisers' review board: progress, reminders, the automatic run and its refusals, the ranked table
with normalised scores and flags, the third review, exports, the API rows, and flat query counts."""

import io
import json

import openpyxl
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academy.accounts.models import Role
from academy.reviews import board, queries
from academy.reviews.models import Assignment, Review, ReviewSetup, Source
from academy.reviews.scoring import normalise
from tests import factories
from tests.http import body
from tests.reviews import builders

pytestmark = pytest.mark.django_db


def review(assignment, total, recommendation="select"):
    return Review.objects.create(
        assignment=assignment,
        scores={"x": 1},
        total=total,
        recommendation=recommendation,
        submitted_at=builders.DURING_REVIEW,
    )


@pytest.fixture
def scored(review_edition):
    """Four applications, a harsh reviewer (H) and a lenient one (L) on all of them; L reverses H's order
    on the last one, so it is flagged."""
    edition = review_edition
    apps = [builders.application(edition, name=n) for n in ["Ana Alves", "Ben Brandt", "Cem Celik", "Dora Dimitrova"]]
    harsh = builders.reviewer(edition, full_name="Hannes Harsh")
    lenient = builders.reviewer(edition, full_name="Lena Lenient")
    for app, low, high in zip(apps, [40, 50, 60, 30], [70, 80, 90, 95], strict=True):
        review(Assignment.objects.create(edition=edition, reviewer=harsh, application=app), low)
        review(Assignment.objects.create(edition=edition, reviewer=lenient, application=app), high, "maybe")
    organiser = factories.with_role(Role.ORGANISER, edition)
    return edition, apps, harsh, lenient, organiser


def test_aggregation_is_scoring_normalise_over_the_submitted_reviews(scored):
    edition, apps, harsh, lenient, _ = scored
    unsubmitted = builders.reviewer(edition)
    Review.objects.create(
        assignment=Assignment.objects.create(edition=edition, reviewer=unsubmitted, application=apps[0]),
        scores={"x": 1},
        total=0,
    )
    expected = normalise(
        [(harsh.pk, a.pk, t) for a, t in zip(apps, [40, 50, 60, 30], strict=True)]
        + [(lenient.pk, a.pk, t) for a, t in zip(apps, [70, 80, 90, 95], strict=True)],
        points=25,
        normalised=1.5,
    )
    assert board.aggregate(edition) == expected
    assert board.ranked(edition).order == expected.ranking()


def test_removed_assignments_do_not_count(scored):
    edition, apps, harsh, _, _ = scored
    Assignment.objects.filter(reviewer=harsh, application=apps[0]).update(removed=True)
    assert board.aggregate(edition).applications[apps[0].pk].reviews == 1


def test_the_board_ranks_by_normalised_score_and_flags_disagreement(client, scored):
    edition, apps, harsh, lenient, organiser = scored
    client.force_login(organiser)
    html = client.get(f"/orga/{edition.slug}/reviews/").content.decode()
    stats = board.aggregate(edition)
    order = [
        html.index(a.applicant.full_name) for a in sorted(apps, key=lambda a: -stats.applications[a.pk].normalised)
    ]
    assert order == sorted(order)
    assert html.count("Reviewers disagree") == len(stats.flagged()) >= 1
    assert f'action="/orga/{edition.slug}/reviews/applications/{apps[3].pk}/third/"' in html
    assert "Hannes Harsh" in html and "Lena Lenient" in html
    assert "4 applications in review; 8 of 8 reviews submitted" in html


def test_one_click_assigns_a_third_reviewer_to_a_flagged_application(client, scored):
    edition, apps, *_, organiser = scored
    third = builders.reviewer(edition, full_name="Tess Third")
    client.force_login(organiser)
    response = client.post(
        f"/orga/{edition.slug}/reviews/applications/{apps[3].pk}/third/", {"back": "board"}, follow=True
    )
    assert f"Tess Third will give application {apps[3].pk} a third review." in response.content.decode()
    assert Assignment.objects.get(application=apps[3], reviewer=third).source == Source.THIRD


def test_reminders_go_to_late_reviewers_only(client, scored):
    edition, apps, harsh, lenient, organiser = scored
    late = builders.reviewer(edition, full_name="Lars Late")
    Assignment.objects.create(edition=edition, reviewer=late, application=apps[0])
    client.force_login(organiser)
    response = client.post(f"/orga/{edition.slug}/reviews/remind/", follow=True)
    assert "Reminder sent to Lars Late." in response.content.decode()
    assert [m.to for m in mail.outbox] == [[f"Lars Late <{late.email}>"]]
    assert "1 of your reviews" in mail.outbox[0].body
    assert f"/review/{edition.slug}/" in mail.outbox[0].body


def test_the_run_button_shows_the_summary(client, review_edition):
    organiser = factories.with_role(Role.ORGANISER, review_edition)
    for _ in range(3):
        builders.application(review_edition)
        builders.reviewer(review_edition)
    client.force_login(organiser)
    response = client.post(f"/orga/{review_edition.slug}/reviews/assign/", follow=True)
    assert "2 reviewers for each of 3 applications: 6 new assignments" in response.content.decode()


def test_an_infeasible_run_tells_the_organiser_which_constraint_fails(client, review_edition):
    organiser = factories.with_role(Role.ORGANISER, review_edition)
    app = builders.application(review_edition)
    builders.reviewer(review_edition)
    client.force_login(organiser)
    response = client.post(f"/orga/{review_edition.slug}/reviews/assign/", follow=True)
    assert (
        f"No assignment is possible. Application {app.pk} has only 1 reviewer without a conflict; it needs 2."
        in response.content.decode()
    )
    assert not Assignment.objects.exists()


def test_the_csv_export_is_the_ranked_table_with_formulas_defused(client, scored):
    edition, apps, *_, organiser = scored
    type(apps[0].applicant).objects.filter(pk=apps[0].applicant_id).update(full_name="=HYPERLINK(evil)")
    client.force_login(organiser)
    lines = body(client.get(f"/orga/{edition.slug}/reviews/export.csv")).decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(board.EXPORT_HEADER)
    assert len(lines) == 5 and lines[1].startswith("1,")
    assert "'=HYPERLINK(evil)" in "\n".join(lines) and ",=HYPERLINK" not in "\n".join(lines)


def test_the_xlsx_export_reads_back(client, scored):
    edition, apps, *_, organiser = scored
    client.force_login(organiser)
    response = client.get(f"/orga/{edition.slug}/reviews/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == board.EXPORT_HEADER and len(rows) == 5
    ranks = {row[1]: row[0] for row in rows[1:]}
    assert ranks == {pk: n for n, pk in enumerate(board.ranked(edition).order, 1)}


def test_review_rows_are_ready_for_the_api(scored):
    edition, apps, harsh, lenient, _ = scored
    rows = queries.review_rows(edition)
    assert json.loads(json.dumps(rows)) == rows
    assert [r["application_id"] for r in rows] == board.ranked(edition).order
    first = next(r for r in rows if r["application_id"] == apps[0].pk)
    assert first["applicant"]["name"] == "Ana Alves" and first["reviews"] == 2
    assert [(s["reviewer_id"], s["total"], s["recommendation"]) for s in first["scores"]] == [
        (harsh.pk, 40, "select"),
        (lenient.pk, 70, "maybe"),
    ]
    assert first["normalised"] == pytest.approx(board.aggregate(edition).applications[apps[0].pk].normalised, abs=1e-4)


def test_the_board_takes_the_same_queries_for_3_and_30_applications(client, review_edition):
    organiser = factories.with_role(Role.ORGANISER, review_edition)
    reviewers = [builders.reviewer(review_edition) for _ in range(3)]
    client.force_login(organiser)
    counts = []
    for size in (3, 30):
        while Assignment.objects.values("application").distinct().count() < size:
            app = builders.application(review_edition)
            for n, person in enumerate(reviewers[:2]):
                review(Assignment.objects.create(edition=review_edition, reviewer=person, application=app), 40 + 10 * n)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/orga/{review_edition.slug}/reviews/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_organiser_application_page_adds_and_removes_reviewers(client, scored):
    edition, apps, harsh, lenient, organiser = scored
    colleague = builders.reviewer(edition, organisation=apps[0].organisation, full_name="Colin Colleague")
    helper = builders.reviewer(edition, full_name="Hedda Helper")
    client.force_login(organiser)
    url = f"/orga/{edition.slug}/reviews/applications/{apps[0].pk}/"
    html = client.get(url).content.decode()
    assert "Hannes Harsh" in html and "Ana Alves" in html
    response = client.post(url + "add/", {"reviewer": colleague.pk}, follow=True)
    assert (
        "Colin Colleague cannot review this application. The reviewer works for the applicant&#x27;s organisation."
        in response.content.decode()
    )
    client.post(url + "add/", {"reviewer": helper.pk})
    row = Assignment.objects.get(reviewer=helper, application=apps[0])
    assert row.source == Source.MANUAL
    client.post(f"/orga/{edition.slug}/reviews/assignments/{row.pk}/remove/")
    row.refresh_from_db()
    assert row.removed


def test_the_rubric_page_refuses_a_scale_upside_down_and_keeps_the_typed_name(client, review_edition):
    organiser = factories.with_role(Role.ORGANISER, review_edition)
    client.force_login(organiser)
    data = {"name": "Regional impact", "guidance": "", "weight": "1", "scale_min": "5", "scale_max": "1"}
    response = client.post(f"/orga/{review_edition.slug}/reviews/rubric/new/", data)
    html = response.content.decode()
    assert response.status_code == 422 and "The highest score must be above the lowest." in html
    assert 'value="Regional impact"' in html
    response = client.post(
        f"/orga/{review_edition.slug}/reviews/rubric/new/", data | {"scale_min": "0", "scale_max": "10"}
    )
    assert response.status_code == 302 and review_edition.criteria.filter(name="Regional impact", scale_max=10).exists()


def test_the_rubric_page_says_it_is_locked_and_refuses_changes(client, scored):
    edition, *_, organiser = scored
    client.force_login(organiser)
    assert "the rubric can no longer change" in client.get(f"/orga/{edition.slug}/reviews/rubric/").content.decode()
    criterion = edition.criteria.first()
    data = {"name": "Renamed", "guidance": "", "weight": "9", "scale_min": "1", "scale_max": "5"}
    response = client.post(f"/orga/{edition.slug}/reviews/rubric/{criterion.pk}/", data)
    assert response.status_code == 409
    criterion.refresh_from_db()
    assert criterion.name != "Renamed"


def test_the_settings_page_saves_blind_review(client, review_edition):
    organiser = factories.with_role(Role.ORGANISER, review_edition)
    client.force_login(organiser)
    data = {
        "reviewers_per_application": "3",
        "max_load": "25",
        "blind": "on",
        "show_others_after_submit": "on",
        "disagreement_points": "20",
        "disagreement_z": "1.5",
    }
    client.post(f"/orga/{review_edition.slug}/reviews/settings/", data)
    setup = ReviewSetup.objects.get(edition=review_edition)
    assert setup.blind and setup.reviewers_per_application == 3 and setup.max_load == 25
    response = client.post(f"/orga/{review_edition.slug}/reviews/settings/", data | {"max_load": "0"})
    assert response.status_code == 422 and ReviewSetup.objects.get(edition=review_edition).max_load == 25


def _api(client, edition, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(f"/api/v1/editions/{edition.slug}/reviews/", headers=headers)


def test_the_api_gives_organisers_the_ranked_reviews(client, scored):
    from academy.accounts.services import create_api_token

    edition, apps, harsh, lenient, organiser = scored
    response = _api(client, edition, create_api_token(organiser))
    assert response.status_code == 200
    rows = response.json()
    assert [row["application_id"] for row in rows] == [row["application_id"] for row in queries.review_rows(edition)]
    assert {s["reviewer_id"] for s in rows[0]["scores"]} == {harsh.pk, lenient.pk}
    assert any(row["flagged"] for row in rows)


def test_the_api_refuses_reviewers_other_organisers_and_no_token(client, scored):
    from academy.accounts.services import create_api_token

    edition, _apps, harsh, _lenient, _organiser = scored
    assert _api(client, edition).status_code == 401
    assert _api(client, edition, create_api_token(harsh)).status_code == 403
    stranger = factories.with_role(Role.ORGANISER, factories.edition())
    assert _api(client, edition, create_api_token(stranger)).status_code == 403

"""The organisers' list of applications: a page size of 50, 100 or 250 kept in the address, and the
normalised review score column once reviews exist."""

import pytest
from django.urls import reverse

from academy.applications.models import Status
from academy.reviews import board
from academy.reviews.models import Assignment, Review
from tests.applications import screening_factories as sf
from tests.reviews import builders

pytestmark = pytest.mark.django_db


def listing(client, edition, **params):
    response = client.get(reverse("screening:list", args=[edition.slug]), params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", [100, 250])
def test_a_page_size_from_the_address_is_kept_across_pages_filters_and_tabs(client, edition, organiser, size):
    sf.many_applications(edition, 260, statuses=(Status.SUBMITTED,))
    response = listing(client, edition, per_page=size, sort="name")
    html = response.content.decode()
    assert len(response.context["page"].object_list) == size
    assert f'href="?sort=name&amp;per_page={size}&amp;page=2"' in html  # the next page
    assert f'href="?sort=name&amp;per_page={size}&amp;status=submitted"' in html  # a status tab
    assert f'<option value="{size}" selected>' in html  # the form sends it again with new filters
    assert f"export.csv?sort=name&amp;per_page={size}" in html


def test_fifty_rows_unless_asked_and_an_unknown_size_is_named_and_ignored(client, edition, organiser):
    sf.many_applications(edition, 60, statuses=(Status.SUBMITTED,))
    assert len(listing(client, edition).context["page"].object_list) == 50
    refused = listing(client, edition, per_page=5000)
    assert len(refused.context["page"].object_list) == 50
    assert "per_page" in refused.context["form"].errors


def test_clearing_the_filters_keeps_the_page_size_and_the_order(client, edition, organiser):
    sf.application(edition, country="PT")
    html = listing(client, edition, country="PT", per_page=100, sort="name").content.decode()
    assert 'href="?sort=name&amp;per_page=100" class="secondary">Clear the filters' in html


def review(edition, application, reviewer, total):
    assignment = Assignment.objects.create(edition=edition, reviewer=reviewer, application=application)
    Review.objects.create(assignment=assignment, scores={}, total=total, submitted_at=builders.DURING_REVIEW)


def test_no_score_column_before_any_review(client, edition, organiser):
    sf.application(edition, name="Ana Silva")
    response = listing(client, edition)
    assert response.context["with_scores"] is False
    assert ">Score<" not in response.content.decode()


def test_the_score_column_shows_the_normalised_score_and_the_review_count(client, edition, organiser):
    ana, ben, cem = (sf.application(edition, name=n) for n in ["Ana Silva", "Ben Brandt", "Cem Celik"])
    harsh, lenient = builders.reviewer(edition, full_name="H"), builders.reviewer(edition, full_name="L")
    for app, low, high in [(ana, 40, 70), (ben, 50, 80), (cem, 60, 90)]:
        review(edition, app, harsh, low)
        review(edition, app, lenient, high)
    unreviewed = sf.application(edition, name="Dora Dimitrova")
    response = listing(client, edition, sort="name")
    rows = {row["name"]: row for row in response.context["rows"]}
    expected = board.aggregate(edition).applications
    assert expected[ana.pk].normalised == -1 and expected[cem.pk].normalised == 1
    assert (rows["Ana Silva"]["score"], rows["Ana Silva"]["reviews"]) == ("-1.00", 2)
    assert (rows["Ben Brandt"]["score"], rows["Cem Celik"]["score"]) == ("+0.00", "+1.00")
    assert (rows["Dora Dimitrova"]["score"], rows["Dora Dimitrova"]["reviews"]) == ("—", 0)
    html = response.content.decode()
    assert ">Score<" in html and "-1.00 <small>(2)</small>" in html
    assert unreviewed.pk not in expected


def test_the_score_column_follows_a_new_review_at_once(client, edition, organiser):
    ana, ben = sf.application(edition, name="Ana Silva"), sf.application(edition, name="Ben Brandt")
    first, second = builders.reviewer(edition, full_name="F"), builders.reviewer(edition, full_name="S")
    review(edition, ana, first, 40)
    review(edition, ben, first, 60)
    assert {r["name"]: r["score"] for r in listing(client, edition).context["rows"]}["Ana Silva"] == "-0.71"
    review(edition, ana, second, 90)
    review(edition, ben, second, 10)
    assert {r["name"]: r["reviews"] for r in listing(client, edition).context["rows"]}["Ana Silva"] == 2

"""Who may open which review page: every actor against every URL, and refused writes change nothing."""

import pytest

from academy.accounts.models import Role
from academy.reviews import pool
from academy.reviews.models import Assignment, ConflictKind, Review
from tests import factories
from tests.reviews import builders

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "applicant",
    "unassigned",
    "conflicted",
    "other_reviewer",
    "other_organiser",
    "organiser",
    "admin",
]


@pytest.fixture
def world(review_edition):
    edition = review_edition
    other = builders.edition()
    app = builders.application(edition)
    assigned = builders.reviewer(edition)
    conflicted = builders.reviewer(edition)
    for person in (assigned, conflicted):
        Assignment.objects.create(edition=edition, reviewer=person, application=app)
    pool.declare_conflict(
        edition, conflicted, kind=ConflictKind.APPLICATION, application=app, reason="Former colleague"
    )
    people = {
        "anonymous": None,
        "applicant": app.applicant,
        "assigned": assigned,
        "unassigned": builders.reviewer(edition),
        "conflicted": conflicted,
        "other_reviewer": builders.reviewer(other),
        "other_organiser": factories.with_role(Role.ORGANISER, other),
        "organiser": factories.with_role(Role.ORGANISER, edition),
        "admin": factories.admin(),
    }
    return edition, app, people


def reviewer_urls(edition, app):
    s, a = edition.slug, app.pk
    return [
        ("get", f"/review/{s}/"),
        ("get", f"/review/{s}/{a}/"),
        ("post", f"/review/{s}/{a}/save/"),
        ("post", f"/review/{s}/{a}/submit/"),
        ("get", f"/review/{s}/my-reviews.csv"),
        ("get", f"/review/{s}/conflicts/"),
        ("get", f"/review/{s}/next/"),
    ]


def organiser_urls(edition, app):
    s, a = edition.slug, app.pk
    return [
        ("get", f"/orga/{s}/reviews/"),
        ("get", f"/orga/{s}/reviews/export.csv"),
        ("get", f"/orga/{s}/reviews/export.xlsx"),
        ("get", f"/orga/{s}/reviews/applications/{a}/"),
        ("get", f"/orga/{s}/reviews/settings/"),
        ("get", f"/orga/{s}/reviews/rubric/"),
        ("get", f"/orga/{s}/reviews/reviewers/"),
        ("post", f"/orga/{s}/reviews/remind/"),
        ("post", f"/orga/{s}/reviews/applications/{a}/third/"),
    ]


def fetch(client, person, method, url, data=None):
    if person is not None:
        client.force_login(person)
    return getattr(client, method)(url, data or {})


# The application's own pages (score, save, submit) are for the assigned reviewer only.
APPLICATION_PAGE = {
    "anonymous": 302,
    "applicant": 403,
    "unassigned": 403,
    "conflicted": 403,
    "other_reviewer": 403,
    "other_organiser": 403,
    "organiser": 403,
    "admin": 403,
    "assigned": 200,
}
# Pages of the reviewer's own (queue, conflicts, export): any reviewer of the edition, and platform admins.
REVIEWER_PAGE = APPLICATION_PAGE | {"unassigned": 200, "conflicted": 200, "admin": 200}
ORGANISER_PAGE = {actor: 403 for actor in APPLICATION_PAGE} | {"anonymous": 302, "organiser": 200, "admin": 200}


@pytest.mark.parametrize("actor", [*ACTORS, "assigned"])
def test_reviewer_pages(client, world, during_review, actor):
    edition, app, people = world
    got = {}
    for method, url in reviewer_urls(edition, app):
        status = fetch(client, people[actor], method, url, builders.scores_for(edition, 3)).status_code
        got[url] = 200 if status == 302 and actor != "anonymous" else status  # submit and next/ redirect onwards
    expected = {
        url: (APPLICATION_PAGE if f"/{app.pk}/" in url else REVIEWER_PAGE)[actor]
        for _, url in reviewer_urls(edition, app)
    }
    assert got == expected


@pytest.mark.parametrize("actor", [*ACTORS, "assigned"])
def test_organiser_pages(client, world, actor):
    edition, app, people = world
    got = {}
    for method, url in organiser_urls(edition, app):
        status = fetch(client, people[actor], method, url).status_code
        got[url] = 200 if status == 302 and actor != "anonymous" else status  # actions redirect to the board
    assert got == {url: ORGANISER_PAGE[actor] for _, url in organiser_urls(edition, app)}


@pytest.mark.parametrize("actor", ["applicant", "unassigned", "conflicted", "other_reviewer", "organiser", "admin"])
def test_refused_scoring_changes_nothing(client, world, during_review, actor):
    edition, app, people = world
    client.force_login(people[actor])
    for path in ("save", "submit"):
        response = client.post(f"/review/{edition.slug}/{app.pk}/{path}/", builders.scores_for(edition, 4))
        assert response.status_code == 403
    assert not Review.objects.exists()


def test_the_conflicted_reviewer_is_told_why(client, world, during_review):
    edition, app, people = world
    client.force_login(people["conflicted"])
    response = client.get(f"/review/{edition.slug}/{app.pk}/")
    assert response.status_code == 403
    assert "You may not review this application: The reviewer declared a conflict" in response.content.decode()


def test_an_applicant_sees_none_of_their_reviews(client, world, during_review):
    edition, app, people = world
    Review.objects.create(
        assignment=Assignment.objects.get(reviewer=people["assigned"]), scores={"1": 1}, comment="Weak motivation"
    )
    client.force_login(people["applicant"])
    for method, url in reviewer_urls(edition, app) + organiser_urls(edition, app):
        response = getattr(client, method)(url)
        assert response.status_code == 403 and "Weak motivation" not in response.content.decode()


def test_an_assignment_removed_by_an_organiser_is_closed_to_its_reviewer(client, world, during_review):
    edition, app, people = world
    Assignment.objects.filter(reviewer=people["assigned"]).update(removed=True)
    client.force_login(people["assigned"])
    assert client.get(f"/review/{edition.slug}/{app.pk}/").status_code == 403


def test_a_withdrawn_application_is_closed_to_its_reviewer(client, world, during_review):
    edition, app, people = world
    type(app).objects.filter(pk=app.pk).update(status="withdrawn")
    client.force_login(people["assigned"])
    assert client.get(f"/review/{edition.slug}/{app.pk}/").status_code == 403

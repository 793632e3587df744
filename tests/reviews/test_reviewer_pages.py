"""The reviewer's pages: queue and progress, one application beside the rubric, autosave, submit and
"next unscored", others' scores only after one's own, conflicts, invitations, and blind review."""

import re

import pytest
from django.core import mail
from django.utils.html import escape

from academy.accounts.models import EditionRole, Role
from academy.reviews.models import Assignment, Review, ReviewSetup
from tests import factories
from tests.http import body
from tests.reviews import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(review_edition):
    """A reviewer with three applications, the middle one from an applicant whose name we look for."""
    reviewer = builders.reviewer(review_edition, full_name="Rita Reviewer")
    apps = [
        builders.application(review_edition),
        builders.application(review_edition, name="Zuzana Quaresma", email="zuzana.quaresma@cluster.example"),
        builders.application(review_edition),
    ]
    for app in apps:
        Assignment.objects.create(edition=review_edition, reviewer=reviewer, application=app)
    return review_edition, reviewer, apps


def page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return body(response).decode()


def test_the_queue_shows_progress_and_the_next_unscored(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    client.post(f"/review/{edition.slug}/{apps[0].pk}/submit/", builders.scores_for(edition, 4))
    html = page(client, f"/review/{edition.slug}/")
    assert "1 of 3 scored" in html and '<progress id="review-progress" value="1" max="3">' in html
    assert f'href="/review/{edition.slug}/{apps[1].pk}/" accesskey="n"' in html


def test_the_score_page_puts_the_answers_beside_a_radio_group_per_criterion(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    html = page(client, f"/review/{edition.slug}/{apps[0].pk}/")
    assert "Why do you want to take part?" in html and "our members need new services" in html
    assert "Digital, Health" in html
    assert "I commit to attend" not in html, "commitments are eligibility, not review material"
    for criterion in edition.criteria.all():
        assert f"<legend>{escape(criterion.name)} <small>1–5, weight {criterion.weight}</small></legend>" in html
        assert html.count(f'name="score-{criterion.pk}"') == 5
    assert 'hx-trigger="change"' in html and "autofocus" in html


def test_autosave_keeps_each_choice_and_answers_for_the_live_region(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    first = edition.criteria.first()
    response = client.post(
        f"/review/{edition.slug}/{apps[0].pk}/save/", {f"score-{first.pk}": "4"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "1 of 4 criteria scored" in response.content.decode()
    assert Review.objects.get().scores == {str(first.pk): 4}
    html = page(client, f"/review/{edition.slug}/{apps[0].pk}/")
    assert f'name="score-{first.pk}" value="4" checked' in html


def test_autosave_refuses_a_score_outside_the_scale_and_says_so(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    first = edition.criteria.first()
    response = client.post(
        f"/review/{edition.slug}/{apps[0].pk}/save/", {f"score-{first.pk}": "9"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "must lie between 1 and 5" in response.content.decode()
    assert not Review.objects.exists()


def test_an_incomplete_submission_shows_what_is_missing_and_keeps_what_was_chosen(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    first = edition.criteria.first()
    response = client.post(
        f"/review/{edition.slug}/{apps[0].pk}/submit/", {f"score-{first.pk}": "2", "comment": "Half done"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Give a score for: Relevance of the cluster&#x27;s challenges" in html and "Choose a recommendation." in html
    assert f'name="score-{first.pk}" value="2" checked' in html and "Half done" in html
    assert not Review.objects.exists()


def test_submitting_goes_to_the_next_unscored_and_says_how_far_along(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    response = client.post(f"/review/{edition.slug}/{apps[1].pk}/submit/", builders.scores_for(edition, 5), follow=True)
    assert response.redirect_chain[-1][0] == f"/review/{edition.slug}/{apps[2].pk}/"
    assert "Review submitted: 1 of 3 scored." in response.content.decode()
    client.post(f"/review/{edition.slug}/{apps[2].pk}/submit/", builders.scores_for(edition, 5))
    response = client.post(f"/review/{edition.slug}/{apps[0].pk}/submit/", builders.scores_for(edition, 5), follow=True)
    assert response.redirect_chain[-1][0] == f"/review/{edition.slug}/"
    assert "You have scored every application assigned to you" in response.content.decode()


def test_after_review_closed_the_page_is_read_only(client, queue):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    html = page(client, f"/review/{edition.slug}/{apps[0].pk}/")
    assert "The review phase closed on 14 November 2022" in html and "disabled" in html
    assert "Submit review" not in html
    response = client.post(f"/review/{edition.slug}/{apps[0].pk}/submit/", builders.scores_for(edition, 3))
    assert response.status_code == 422 and not Review.objects.exists()


def test_others_scores_appear_only_after_submitting_ones_own(client, queue, during_review):
    edition, reviewer, apps = queue
    colleague = builders.reviewer(edition, full_name="Carla Colleague")
    other = Assignment.objects.create(edition=edition, reviewer=colleague, application=apps[0])
    client.force_login(colleague)
    client.post(
        f"/review/{edition.slug}/{apps[0].pk}/submit/", builders.scores_for(edition, 1) | {"comment": "Too vague."}
    )
    assert Review.objects.get(assignment=other).submitted_at
    client.force_login(reviewer)
    before = page(client, f"/review/{edition.slug}/{apps[0].pk}/")
    assert "Too vague." not in before and "Other reviewers" not in before
    client.post(f"/review/{edition.slug}/{apps[0].pk}/submit/", builders.scores_for(edition, 5))
    after = page(client, f"/review/{edition.slug}/{apps[0].pk}/")
    assert "Other reviewers" in after and "Too vague." in after and "Reviewer A" in after
    assert "Carla Colleague" not in after, "other reviewers stay anonymous"


def test_others_scores_stay_hidden_when_the_edition_says_so(client, queue, during_review):
    edition, reviewer, apps = queue
    ReviewSetup.objects.create(edition=edition, show_others_after_submit=False)
    colleague = builders.reviewer(edition)
    Assignment.objects.create(edition=edition, reviewer=colleague, application=apps[0])
    client.force_login(colleague)
    client.post(
        f"/review/{edition.slug}/{apps[0].pk}/submit/", builders.scores_for(edition, 1) | {"comment": "Too vague."}
    )
    client.force_login(reviewer)
    client.post(f"/review/{edition.slug}/{apps[0].pk}/submit/", builders.scores_for(edition, 5))
    assert "Too vague." not in page(client, f"/review/{edition.slug}/{apps[0].pk}/")


def reviewer_bodies(client, edition, reviewer, apps):
    """Every page and export a reviewer can reach, as text."""
    client.force_login(reviewer)
    urls = [f"/review/{edition.slug}/", f"/review/{edition.slug}/conflicts/", f"/review/{edition.slug}/my-reviews.csv"]
    urls += [f"/review/{edition.slug}/{app.pk}/" for app in apps]
    bodies = [body(client.get(url)).decode() for url in urls]
    bodies.append(
        client.post(
            f"/review/{edition.slug}/{apps[1].pk}/save/", {"comment": "x"}, HTTP_HX_REQUEST="true"
        ).content.decode()
    )
    return "\n".join(bodies)


def test_blind_review_leaks_no_name_email_or_organisation(client, queue, during_review):
    edition, reviewer, apps = queue
    ReviewSetup.objects.create(edition=edition, blind=True)
    client.force_login(reviewer)
    client.post(f"/review/{edition.slug}/{apps[1].pk}/submit/", builders.scores_for(edition, 3))
    text = reviewer_bodies(client, edition, reviewer, apps)
    target = apps[1]
    for secret in ["Zuzana", "Quaresma", "zuzana.quaresma", target.organisation.name, "Your full name"]:
        assert secret not in text, f"{secret!r} leaked in blind review"
    assert f"Application {target.pk}" in text


def test_without_blind_review_the_reviewer_sees_who_applied(client, queue, during_review):
    edition, reviewer, apps = queue
    text = reviewer_bodies(client, edition, reviewer, apps)
    for visible in ["Zuzana Quaresma", "zuzana.quaresma@cluster.example", apps[1].organisation.name]:
        assert visible in text


def test_the_reviewers_export_holds_their_scores(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    client.post(
        f"/review/{edition.slug}/{apps[0].pk}/submit/", builders.scores_for(edition, 5) | {"comment": "=HYPERLINK(1)"}
    )
    lines = body(client.get(f"/review/{edition.slug}/my-reviews.csv")).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("application,applicant,organisation,Motivation and commitment")
    assert lines[1].startswith(f"{apps[0].pk},") and ",100.0,Select,'=HYPERLINK(1),yes" in lines[1]
    assert len(lines) == 4


def test_the_queue_takes_the_same_queries_for_3_and_30_applications(
    client, review_edition, during_review, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reviewer = builders.reviewer(review_edition)
    client.force_login(reviewer)
    counts = []
    for size in (3, 30):
        have = Assignment.objects.filter(reviewer=reviewer).count()
        for _ in range(size - have):
            app = builders.application(review_edition)
            Assignment.objects.create(edition=review_edition, reviewer=reviewer, application=app)
        Review.objects.create(
            assignment=Assignment.objects.filter(reviewer=reviewer, review__isnull=True).first(), scores={"1": 2}
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/review/{review_edition.slug}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[0]):
        client.get(f"/review/{review_edition.slug}/")


def test_declaring_a_conflict_with_an_application_closes_it(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    response = client.post(
        f"/review/{edition.slug}/{apps[0].pk}/conflict/", {"reason": "She is my sister"}, follow=True
    )
    assert "the organisers will give this application to another reviewer" in response.content.decode()
    assert "0 of 2 scored" in response.content.decode()
    assert client.get(f"/review/{edition.slug}/{apps[0].pk}/").status_code == 403


def test_declaring_an_organisation_conflict_by_registry_id(client, queue, during_review):
    edition, reviewer, apps = queue
    client.force_login(reviewer)
    org = apps[2].organisation
    client.post(
        f"/review/{edition.slug}/conflicts/",
        {"kind": "organisation", "organisation": org.registry_id, "reason": "Board member"},
    )
    html = page(client, f"/review/{edition.slug}/conflicts/")
    assert org.name in html and "Board member" in html
    assert client.get(f"/review/{edition.slug}/{apps[2].pk}/").status_code == 403


def test_an_unknown_organisation_is_refused_and_the_typed_text_kept(client, queue, during_review):
    edition, reviewer, _ = queue
    client.force_login(reviewer)
    response = client.post(
        f"/review/{edition.slug}/conflicts/", {"kind": "organisation", "organisation": "Nowhere Cluster", "reason": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "No cluster organisation in the registry has the id or name “Nowhere Cluster”" in html
    assert 'value="Nowhere Cluster"' in html


def test_an_invitation_is_accepted_by_the_person_it_was_sent_to(
    client, review_edition, django_capture_on_commit_callbacks
):
    organiser = factories.with_role(Role.ORGANISER, review_edition)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/orga/{review_edition.slug}/reviews/reviewers/",
            {"emails": "nina@example.org", "capacity": "12"},
            follow=True,
        )
    assert "Invitation sent to nina@example.org." in response.content.decode()
    link = re.search(r"https?://\S+/review/invitations/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    wrong = factories.user("someone.else@example.org")
    client.force_login(wrong)
    assert "This invitation was sent to nina@example.org" in page(client, f"/{path}")
    assert client.post(f"/{path}").status_code == 403
    nina = factories.user("nina@example.org")
    client.force_login(nina)
    response = client.post(f"/{path}", follow=True)
    assert response.redirect_chain[-1][0] == f"/review/{review_edition.slug}/"
    assert EditionRole.objects.filter(user=nina, edition=review_edition, role=Role.REVIEWER).exists()
    assert not EditionRole.objects.filter(user=wrong, edition=review_edition).exists()


def test_an_invalid_invitation_link_is_said_to_be_invalid(client, person):
    client.force_login(person)
    response = client.get("/review/invitations/not-a-real-token/")
    assert response.status_code == 404 and "This invitation link is not valid" in response.content.decode()

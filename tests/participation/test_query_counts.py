"""List pages issue the same number of queries for 3 participants as for 30."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academy.participation import homework, info, surveys
from academy.participation.models import Feedback
from tests import factories
from tests.participation import helpers

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
DURING = dt.datetime(2022, 12, 5, tzinfo=BRUSSELS)


def build(n):
    """An edition with n participants, three assignments with hand-ins and feedback, needs, a survey."""
    edition = factories.edition()
    coach = helpers.coach(edition)
    people = helpers.cohort(edition, n)
    works = [helpers.assignment(edition, title=f"Task {i}", reviewer=coach) for i in range(3)]
    survey = helpers.survey(edition, opens_at=DURING - dt.timedelta(days=1))
    keys = [q.key for q in survey.questions.all()]
    for i, person in enumerate(people):
        info.record_needs(person, dietary="vegan" if i % 2 else "none", accessibility="Lift" if i % 3 == 0 else "")
        for work in works[: 1 + i % 3]:
            item = homework.hand_in(work, person, text="Answer", now=DURING)
            Feedback.objects.create(hand_in=item, coach=coach, text="Good", on_version=1)
        if i % 2:
            surveys.answer(survey, person, {keys[0]: 4, keys[1]: "Yes", keys[2]: ["Digital"]}, now=DURING)
    organiser = factories.with_role("organiser", edition)
    return edition, people[0], coach, organiser, survey


def pages(edition, survey):
    me, orga = f"/me/editions/{edition.slug}/", f"/orga/{edition.slug}/"
    return {
        "participant": [f"{me}homework/", f"{me}surveys/", f"{me}info-pack/"],
        "coach": [f"/coach/{edition.slug}/homework/"],
        "organiser": [
            f"{orga}homework/",
            f"{orga}homework.csv",
            f"{orga}needs/",
            f"{orga}needs/?names=1",
            f"{orga}surveys/",
            f"{orga}surveys/{survey.pk}/results/",
            f"{orga}surveys/{survey.pk}/results.csv",
            f"/coach/{edition.slug}/homework/",
        ],
    }


def visit_all(client, n, check):
    """Open every list page as its audience, calling check(key, fetch) for each."""
    edition, participant, coach, organiser, survey = build(n)
    for who, person in (("participant", participant.applicant), ("coach", coach), ("organiser", organiser)):
        client.force_login(person)
        for index, url in enumerate(pages(edition, survey)[who]):
            check((who, index), lambda url=url: client.get(url))


def test_list_pages_issue_the_same_number_of_queries_for_3_and_30_participants(client, django_assert_num_queries):
    small = {}

    def measure(key, fetch):
        with CaptureQueriesContext(connection) as captured:
            assert fetch().status_code == 200
        small[key] = len(captured)

    def same_as_small(key, fetch):
        with django_assert_num_queries(small[key]):
            assert fetch().status_code == 200

    visit_all(client, 3, measure)
    visit_all(client, 30, same_as_small)
    assert max(small.values()) <= 15, small

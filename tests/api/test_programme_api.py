"""The programme and the homework status through the API: who may read what, the shape, the video-link rule."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academy.accounts.models import AuditEntry, Role
from academy.accounts.services import create_api_token
from academy.applications.models import Status
from academy.participation import homework
from academy.programme.models import Part
from tests import factories
from tests.participation import helpers
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db
MEETING = "https://meet.example/cba-day1"


def get(client, path, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(path, headers=headers)


def programme_path(edition):
    return f"/api/v1/editions/{edition.slug}/programme/"


def homework_path(edition):
    return f"/api/v1/editions/{edition.slug}/homework/"


@pytest.fixture
def sessions(edition):
    coach = pf.coach(edition, name="Ana Coach")
    online = pf.session(edition, title="Cluster strategy", video_link=MEETING)
    online.coaches.add(coach)
    pf.session(edition, title="Train the trainers", part=Part.IN_PERSON, room="Amphitheatre 1")
    return edition


def token_for(kind, edition):
    if kind == "participant":
        return create_api_token(pf.participant(edition).applicant)
    if kind == "applicant":
        return create_api_token(pf.application(edition, status=Status.SUBMITTED).applicant)
    if kind == "other-organiser":
        return create_api_token(factories.with_role(Role.ORGANISER, factories.edition()))
    if kind == "admin":
        return create_api_token(factories.admin())
    return create_api_token(factories.with_role(Role(kind), edition))


@pytest.mark.parametrize("path", [programme_path, homework_path])
def test_without_a_token_the_answer_is_401(client, edition, path):
    assert get(client, path(edition)).status_code == 401


def test_an_unknown_edition_is_not_found(client, edition):
    token = token_for("organiser", edition)
    assert get(client, "/api/v1/editions/nope/programme/", token).status_code == 404
    assert get(client, "/api/v1/editions/nope/homework/", token).status_code == 404


def test_the_programme_has_kind_part_times_with_offset_room_and_coaches(client, sessions):
    body = get(client, programme_path(sessions), token_for("organiser", sessions)).json()
    assert body["edition"] == sessions.slug and body["time_zone"] == "Europe/Brussels"
    online, in_person = body["sessions"]
    assert online["title"] == "Cluster strategy" and online["kind"] == "training" and online["part"] == "online"
    day = sessions.online_start.isoformat()
    assert (online["starts_at"], online["ends_at"]) == (f"{day}T09:00:00+01:00", f"{day}T10:30:00+01:00")
    assert online["room"] == "" and online["coaches"] == [
        {"id": online["coaches"][0]["id"], "name": "Ana Coach", "kind": "coach"}
    ]
    assert (
        in_person["part"] == "in_person" and in_person["room"] == "Amphitheatre 1" and in_person["video_link"] is None
    )
    assert in_person["starts_at"] == f"{sessions.in_person_start.isoformat()}T09:00:00+01:00"


@pytest.mark.parametrize(
    ("kind", "sees_link"),
    [
        ("participant", True),
        ("coach", True),
        ("organiser", True),
        ("admin", True),
        ("applicant", False),
        ("reviewer", False),
        ("other-organiser", False),
    ],
)
def test_the_video_link_only_for_those_the_pages_show_it_to(client, sessions, kind, sees_link):
    response = get(client, programme_path(sessions), token_for(kind, sessions))
    assert response.status_code == 200
    assert response.json()["sessions"][0]["video_link"] == (MEETING if sees_link else None)
    assert (MEETING in response.content.decode()) is sees_link


@pytest.mark.parametrize("kind", ["participant", "applicant", "reviewer", "other-organiser"])
def test_homework_status_is_refused_to_anyone_but_organisers_and_coaches(client, edition, kind):
    response = get(client, homework_path(edition), token_for(kind, edition))
    assert response.status_code == 403
    assert response.json() == {
        "detail": f"Your token does not belong to an organiser or coach of the edition {edition.slug}."
    }


def test_a_coach_of_another_edition_is_refused(client, edition):
    other = factories.edition()
    assert get(client, homework_path(edition), create_api_token(pf.coach(other).user)).status_code == 403


@pytest.fixture
def handed_in(edition):
    """Two assignments; Ana handed in the first (and got feedback, then resubmitted), Bea nothing."""
    coach = helpers.coach(edition)
    first = helpers.assignment(edition, reviewer=coach, title="Map your services", due=dt.date(2023, 1, 31))
    helpers.assignment(edition, title="Plan a pilot", due=dt.date(2023, 2, 28))
    ana = helpers.participant(edition, full_name="Ana Silva", email="ana@cluster.example")
    helpers.participant(edition, full_name="Bea Braga", email="bea@cluster.example")
    helpers.participant(factories.edition(), full_name="Elsewhere")
    brussels = edition.zone
    item = homework.hand_in(first, ana, text="v1", now=dt.datetime(2023, 1, 20, 10, tzinfo=brussels))
    with time_machine.travel(dt.datetime(2023, 1, 22, 15, 30, tzinfo=brussels), tick=False):
        homework.give_feedback(item, coach=coach, text="Good start.")
    homework.hand_in(first, ana, text="v2", now=dt.datetime(2023, 1, 25, 9, tzinfo=brussels))
    return coach


def test_an_organiser_reads_every_assignment_and_participant(client, edition, handed_in):
    with time_machine.travel(dt.datetime(2023, 2, 5, tzinfo=edition.zone), tick=False):
        body = get(client, homework_path(edition), token_for("organiser", edition)).json()
    assert body["edition"] == edition.slug and body["time_zone"] == "Europe/Brussels"
    first, second = body["assignments"]
    assert (first["title"], first["due_date"], first["reviewer"], first["handed_in"]) == (
        "Map your services",
        "2023-01-31",
        handed_in.email,
        1,
    )
    ana, bea = first["participants"]
    assert ana["participant"]["name"] == "Ana Silva" and ana["participant"]["email"] == "ana@cluster.example"
    assert ana["status"] == "handed_in" and ana["handed_in"] is True and ana["version"] == 2
    assert ana["submitted_at"] == "2023-01-25T09:00:00+01:00"
    assert ana["feedback_given"] is True and ana["feedback_at"] == "2023-01-22T15:30:00+01:00"
    assert ana["feedback_on_latest_version"] is False, "the resubmission waits for feedback"
    assert bea == {
        "participant": bea["participant"],
        "status": "missing",
        "handed_in": False,
        "submitted_at": None,
        "version": None,
        "feedback_given": False,
        "feedback_at": None,
        "feedback_on_latest_version": False,
    }
    assert [p["status"] for p in second["participants"]] == ["pending", "pending"]
    assert second["reviewer"] is None


def test_a_coach_reads_only_the_assignments_they_review(client, edition, handed_in):
    body = get(client, homework_path(edition), create_api_token(handed_in)).json()
    assert [a["title"] for a in body["assignments"]] == ["Map your services"]
    assert len(body["assignments"][0]["participants"]) == 2
    entry = AuditEntry.objects.get(action="homework.exported")
    assert (entry.actor, entry.edition, entry.data) == (handed_in, edition, {"format": "api", "assignments": 1})


def test_homework_status_runs_the_same_number_of_queries_for_3_and_30_participants(client, edition, handed_in):
    token = token_for("organiser", edition)
    with CaptureQueriesContext(connection) as small:
        get(client, homework_path(edition), token)
    helpers.cohort(edition, 27)
    with CaptureQueriesContext(connection) as large:
        assert len(get(client, homework_path(edition), token).json()["assignments"][0]["participants"]) == 29
    assert len(large.captured_queries) == len(small.captured_queries)


def test_both_paths_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/editions/{slug}/programme/", "/api/v1/editions/{slug}/homework/"} <= set(paths)

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from academy.accounts.models import Role
from academy.applications.models import Status
from academy.programme.models import CalendarToken, Part
from academy.programme.services import calendar_token
from tests import factories
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    """Online in December (CET), in person in April after the change to summer time (CEST)."""
    return factories.edition(
        deadline=dt.date(2022, 10, 31), in_person_start=dt.date(2023, 4, 13), in_person_end=dt.date(2023, 4, 14)
    )


def events(body):
    return {str(e["summary"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def public_feed(client, edition):
    response = client.get(reverse("programme:ics", kwargs={"slug": edition.slug}))
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


def test_the_calendar_parses_back_to_the_right_instants_across_the_dst_change(client, edition):
    pf.session(edition, title="Cluster strategy", start=dt.time(9), end=dt.time(10, 30))
    pf.session(edition, title="Train the trainers", part=Part.IN_PERSON, start=dt.time(9), end=dt.time(10, 30))
    body = public_feed(client, edition)
    found = events(body)
    winter, spring = found["Cluster strategy"].decoded("dtstart"), found["Train the trainers"].decoded("dtstart")
    assert winter.astimezone(dt.UTC) == dt.datetime(2022, 12, 1, 8, 0, tzinfo=dt.UTC)
    assert winter.utcoffset() == dt.timedelta(hours=1)
    assert spring.astimezone(dt.UTC) == dt.datetime(2023, 4, 13, 7, 0, tzinfo=dt.UTC)
    assert spring.utcoffset() == dt.timedelta(hours=2)
    assert found["Train the trainers"].decoded("dtend").astimezone(dt.UTC) == dt.datetime(
        2023, 4, 13, 8, 30, tzinfo=dt.UTC
    )
    # The events name the edition's zone, and the file carries its definition for calendars that lack it.
    assert b"DTSTART;TZID=Europe/Brussels:20221201T090000" in body
    assert b"DTSTART;TZID=Europe/Brussels:20230413T090000" in body
    zones = Calendar.from_ical(body).walk("VTIMEZONE")
    assert [str(z["tzid"]) for z in zones] == ["Europe/Brussels"]
    offsets = {str(sub.name): sub.decoded("tzoffsetto") for sub in zones[0].subcomponents}
    assert offsets == {"STANDARD": dt.timedelta(hours=1), "DAYLIGHT": dt.timedelta(hours=2)}


def test_each_session_keeps_its_uid_when_it_is_edited(client, edition):
    session = pf.session(edition, title="Funding")
    before = events(public_feed(client, edition))["Funding"]["uid"]
    session.title, session.starts_at = "Funding for clusters", session.starts_at + dt.timedelta(hours=1)
    session.save()
    after = events(public_feed(client, edition))["Funding for clusters"]["uid"]
    assert before == after == f"session-{session.pk}@{edition.slug}.booster-academy"


def test_the_public_calendar_has_no_video_links(client, edition):
    pf.session(edition, title="Business models", video_link="https://meet.example/cba-2022-day1")
    client.force_login(pf.participant(edition).applicant)  # even for someone who may see them on the page
    body = public_feed(client, edition)
    assert b"meet.example" not in body
    assert "URL" not in events(body)["Business models"]


def test_in_person_events_name_the_room_and_the_venue(client, edition):
    pf.session(edition, title="Peer exchange", part=Part.IN_PERSON, room="Room 4.12")
    event = events(public_feed(client, edition))["Peer exchange"]
    assert str(event["location"]) == "Room 4.12, University of Strasbourg, Strasbourg"


def personal(client, edition, token):
    return client.get(reverse("programme:personal_ics", kwargs={"slug": edition.slug, "token": token}))


def test_a_participants_personal_calendar_carries_the_links(client, edition):
    pf.session(edition, title="Member engagement", video_link="https://meet.example/cba-2022-day1")
    token = calendar_token(pf.participant(edition).applicant, edition)
    response = personal(client, edition, token.token)  # no session: calendar apps do not log in
    event = events(response.content)["Member engagement"]
    assert str(event["url"]) == "https://meet.example/cba-2022-day1"
    assert "meet.example/cba-2022-day1" in str(event["location"])
    assert "no-cache" in response["Cache-Control"]


def test_a_guessed_or_misplaced_token_is_not_found(client, edition):
    pf.session(edition)
    token = calendar_token(pf.participant(edition).applicant, edition)
    assert personal(client, edition, "x" * 43).status_code == 404
    assert personal(client, edition, token.token[:-1]).status_code == 404
    assert personal(client, factories.edition(), token.token).status_code == 404


def test_a_renewed_address_stops_the_old_one(client, edition):
    pf.session(edition)
    person = pf.participant(edition).applicant
    old = calendar_token(person, edition).token
    client.force_login(person)
    client.post(reverse("programme:calendar_address", kwargs={"slug": edition.slug}))
    new = CalendarToken.objects.get(user=person, edition=edition).token
    assert new != old
    assert personal(client, edition, old).status_code == 404
    assert personal(client, edition, new).status_code == 200


def test_a_personal_calendar_loses_the_links_when_the_person_leaves_the_cohort(client, edition):
    pf.session(edition, title="Green transition", video_link="https://meet.example/cba-2022-day2")
    application = pf.participant(edition)
    token = calendar_token(application.applicant, edition)
    application.status = Status.DECLINED
    application.save()
    body = personal(client, edition, token.token).content
    assert b"meet.example" not in body and "Green transition" in events(body)


def test_a_coachs_personal_calendar_carries_the_links(client, edition):
    pf.session(edition, video_link="https://meet.example/coach-day")
    token = calendar_token(factories.with_role(Role.COACH, edition), edition)
    assert b"https://meet.example/coach-day" in personal(client, edition, token.token).content


@pytest.mark.parametrize("kind", ["applicant", "coach of another edition"])
def test_someone_who_may_not_see_links_gets_no_personal_address(client, edition, kind):
    user = (
        pf.application(edition, status=Status.SUBMITTED).applicant
        if kind == "applicant"
        else factories.with_role(Role.COACH, factories.edition())
    )
    client.force_login(user)
    response = client.post(reverse("programme:calendar_address", kwargs={"slug": edition.slug}))
    assert response.status_code == 403
    assert not CalendarToken.objects.exists()


def test_the_timetable_offers_a_participant_their_address(client, edition):
    person = pf.participant(edition).applicant
    client.force_login(person)
    page = client.get(reverse("programme:timetable", kwargs={"slug": edition.slug})).content.decode()
    assert "Get my calendar address" in page
    client.post(reverse("programme:calendar_address", kwargs={"slug": edition.slug}))
    token = CalendarToken.objects.get(user=person)
    page = client.get(reverse("programme:timetable", kwargs={"slug": edition.slug})).content.decode()
    assert f"/editions/{edition.slug}/programme/{token.token}.ics" in page


@pytest.mark.parametrize("size", [3, 30])
def test_the_feeds_and_json_take_the_same_number_of_queries_however_many_sessions(
    client, edition, size, django_assert_num_queries
):
    coach = pf.coach(edition)
    for i in range(size):
        pf.session(edition, start=dt.time(8 + i % 10), end=dt.time(9 + i % 10)).coaches.add(coach)
    token = calendar_token(pf.participant(edition).applicant, edition)
    with django_assert_num_queries(3):  # edition, sessions, their coaches
        assert len(events(public_feed(client, edition))) == size
    with django_assert_num_queries(3):
        assert len(client.get(reverse("programme:json", kwargs={"slug": edition.slug})).json()["sessions"]) == size
    with django_assert_num_queries(5):  # token with person and edition, roles, participant?, sessions, coaches
        assert personal(client, edition, token.token).content.count(b"BEGIN:VEVENT") == size

import datetime as dt
import json

import pytest
from django.urls import reverse

from academy.accounts.models import Role
from academy.applications.models import Status
from academy.programme.models import Part, Session
from tests import factories
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    """Online on 1–2 December 2022 (CET, +01:00), in person on 13–14 April 2023 (CEST, +02:00)."""
    return factories.edition(
        deadline=dt.date(2022, 10, 31), in_person_start=dt.date(2023, 4, 13), in_person_end=dt.date(2023, 4, 14)
    )


def timetable(client, edition):
    return client.get(reverse("programme:timetable", kwargs={"slug": edition.slug}))


def test_times_show_in_the_edition_zone_with_the_winter_and_summer_abbreviations(client, edition):
    pf.session(edition, title="Cluster strategy", start=dt.time(9), end=dt.time(10, 30))
    pf.session(edition, title="Funding", part=Part.IN_PERSON, start=dt.time(9), end=dt.time(10, 30))
    html = timetable(client, edition).content.decode()
    assert "Thursday 1 December 2022" in html and "Thursday 13 April 2023" in html
    # The same wall-clock time on both sides of the DST change, two different instants for the viewer's script.
    assert (
        '>09:00</time>–<time datetime="2022-12-01T09:30:00+00:00">10:30</time> <abbr title="Europe/Brussels">CET</abbr>'
        in html
    )
    assert 'data-local-start="2022-12-01T08:00:00+00:00"' in html
    assert (
        '>09:00</time>–<time datetime="2023-04-13T08:30:00+00:00">10:30</time> <abbr title="Europe/Brussels">CEST</abbr>'
        in html
    )
    assert 'data-local-start="2023-04-13T07:00:00+00:00"' in html


def test_the_viewers_zone_is_left_to_the_script_beside_the_editions(client, edition):
    pf.session(edition)
    html = timetable(client, edition).content.decode()
    assert 'data-edition-zone="Europe/Brussels"' in html
    assert "academy/js/programme.js" in html


def test_an_edition_in_another_zone_shows_its_own_offset(client):
    edition = factories.edition(deadline=dt.date(2022, 10, 31), time_zone="America/New_York")
    pf.session(edition, start=dt.time(9), end=dt.time(10))
    html = timetable(client, edition).content.decode()
    assert "EST" in html and 'data-local-start="2022-12-01T14:00:00+00:00"' in html


def test_sessions_are_grouped_by_part_and_day_in_order(client, edition):
    pf.session(edition, title="Day two", day=edition.online_end)
    pf.session(edition, title="Day one late", start=dt.time(14), end=dt.time(15))
    pf.session(edition, title="Day one early", start=dt.time(9), end=dt.time(10))
    pf.session(edition, title="In Strasbourg", part=Part.IN_PERSON)
    html = timetable(client, edition).content.decode()
    order = [
        html.index(t) for t in ("Online", "Day one early", "Day one late", "Day two", "In person", "In Strasbourg")
    ]
    assert order == sorted(order)


def test_an_empty_programme_says_so(client, edition):
    assert "has not been published yet" in timetable(client, edition).content.decode()


# -- Link visibility by role ------------------------------------------------------------------------------------


def _viewer(kind, edition):
    if kind == "anonymous":
        return None
    if kind == "applicant":
        return pf.application(edition, status=Status.SUBMITTED).applicant
    if kind == "offered":
        return pf.application(edition, status=Status.OFFERED).applicant
    if kind == "participant":
        return pf.participant(edition).applicant
    if kind == "participant of another edition":
        return pf.participant(factories.edition()).applicant
    if kind == "coach":
        return factories.with_role(Role.COACH, edition)
    if kind == "coach of another edition":
        return factories.with_role(Role.COACH, factories.edition())
    if kind == "reviewer":
        return factories.with_role(Role.REVIEWER, edition)
    if kind == "organiser":
        return factories.with_role(Role.ORGANISER, edition)
    if kind == "admin":
        return factories.admin()
    raise AssertionError(kind)


VISIBILITY = [
    ("anonymous", False),
    ("applicant", False),
    ("offered", False),
    ("participant", True),
    ("participant of another edition", False),
    ("coach", True),
    ("coach of another edition", False),
    ("reviewer", False),
    ("organiser", True),
    ("admin", True),
]


@pytest.mark.parametrize(("kind", "sees"), VISIBILITY)
def test_the_video_link_is_shown_only_to_the_cohort_coaches_and_organisers(client, edition, kind, sees):
    pf.session(edition, title="Cluster strategy", video_link="https://meet.example/cba-2022-day1")
    if user := _viewer(kind, edition):
        client.force_login(user)
    html = timetable(client, edition).content.decode()
    assert ("https://meet.example/cba-2022-day1" in html) is sees
    assert ("For participants" in html) is not sees
    data = client.get(reverse("programme:json", kwargs={"slug": edition.slug})).json()
    assert data["sessions"][0]["video_link"] == ("https://meet.example/cba-2022-day1" if sees else None)


def test_a_participant_who_declined_no_longer_sees_the_link(client, edition):
    pf.session(edition, video_link="https://meet.example/secret")
    application = pf.participant(edition)
    client.force_login(application.applicant)
    assert "https://meet.example/secret" in timetable(client, edition).content.decode()
    application.status = Status.DECLINED
    application.save()
    assert "https://meet.example/secret" not in timetable(client, edition).content.decode()


def test_the_json_programme_gives_times_with_the_editions_offset(client, edition):
    pf.session(edition, title="Winter", start=dt.time(9), end=dt.time(10))
    pf.session(edition, title="Spring", part=Part.IN_PERSON, start=dt.time(9), end=dt.time(10), room="Amphi 2")
    data = json.loads(client.get(reverse("programme:json", kwargs={"slug": edition.slug})).content)
    winter, spring = data["sessions"]
    assert winter["starts_at"] == "2022-12-01T09:00:00+01:00"
    assert spring["starts_at"] == "2023-04-13T09:00:00+02:00" and spring["room"] == "Amphi 2"
    assert data["edition"]["time_zone"] == "Europe/Brussels"


@pytest.mark.parametrize("size", [3, 30])
def test_the_timetable_takes_the_same_number_of_queries_however_many_sessions(
    client, edition, size, django_assert_num_queries
):
    coach = pf.coach(edition)
    for i in range(size):
        session = pf.session(
            edition, day=edition.online_start + dt.timedelta(days=i % 2), start=dt.time(9), end=dt.time(10)
        )
        session.coaches.add(coach)
    client.force_login(pf.participant(edition).applicant)
    # edition, session, user, roles, participant?, calendar token, sessions, their coaches, the header's roles
    with django_assert_num_queries(9):
        response = timetable(client, edition)
    assert response.content.decode().count('class="join"') == size


# -- Entering a session in the edition's zone -------------------------------------------------------------------


def _post_session(client, edition, **fields):
    data = {"title": "Internationalisation", "kind": "training", "part": "online", "video_link": ""} | fields
    return client.post(reverse("programme:session_create", kwargs={"slug": edition.slug}), data)


def test_times_typed_in_the_editions_zone_are_stored_in_utc_on_both_sides_of_the_dst_change(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    _post_session(client, edition, day="2022-12-01", start="09:00", end="10:30")
    _post_session(
        client, edition, title="Green transition", part="in_person", day="2023-04-13", start="09:00", end="10:30"
    )
    winter, spring = Session.objects.order_by("starts_at")
    assert winter.starts_at == dt.datetime(2022, 12, 1, 8, 0, tzinfo=dt.UTC)
    assert spring.starts_at == dt.datetime(2023, 4, 13, 7, 0, tzinfo=dt.UTC)
    assert spring.ends_at == dt.datetime(2023, 4, 13, 8, 30, tzinfo=dt.UTC)


def test_an_online_session_outside_the_online_days_is_refused_and_the_form_kept(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    response = _post_session(client, edition, title="Misplaced", day="2023-04-13", start="09:00", end="10:00")
    html = response.content.decode()
    assert response.status_code == 400
    assert "not within the online days of the edition (01 December 2022 – 02 December 2022)" in html
    assert 'value="Misplaced"' in html
    assert not Session.objects.exists()


def test_a_session_that_ends_before_it_starts_is_refused(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    response = _post_session(client, edition, day="2022-12-01", start="11:00", end="10:00")
    assert "must end after it starts" in response.content.decode()
    assert not Session.objects.exists()


def test_editing_a_session_shows_its_times_in_the_editions_zone(client, edition):
    session = pf.session(edition, part=Part.IN_PERSON, start=dt.time(14, 15), end=dt.time(15, 45))
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    html = client.get(reverse("programme:session_edit", kwargs={"slug": edition.slug, "pk": session.pk})).content
    assert b'value="14:15"' in html and b'value="2023-04-13"' in html


def test_a_coach_cannot_edit_the_programme(client, edition):
    session = pf.session(edition)
    client.force_login(factories.with_role(Role.COACH, edition))
    url = reverse("programme:session_edit", kwargs={"slug": edition.slug, "pk": session.pk})
    assert client.post(url, {"title": "Hijacked"}).status_code == 403
    session.refresh_from_db()
    assert session.title != "Hijacked"


def test_a_session_with_attendance_cannot_be_deleted(client, edition):
    from academy.programme.models import Attendance

    session = pf.session(edition)
    Attendance.objects.create(session=session, application=pf.participant(edition), present=True)
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    response = client.post(
        reverse("programme:session_delete", kwargs={"slug": edition.slug, "pk": session.pk}), follow=True
    )
    assert "Attendance was taken for this session" in response.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()


def test_a_session_of_another_edition_is_not_found_under_this_one(client, edition):
    other = factories.edition()
    session = pf.session(other)
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    url = reverse("programme:session_edit", kwargs={"slug": edition.slug, "pk": session.pk})
    assert client.get(url).status_code == 404

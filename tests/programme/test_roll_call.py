import datetime as dt

import pytest
from django.urls import reverse

from academy.accounts.models import Role
from academy.applications.models import Status
from academy.programme.models import Attendance, Kind, Source
from tests import factories
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(edition):
    return pf.session(edition, title="Cluster strategy", start=dt.time(9), end=dt.time(10, 30))


def url(session):
    return reverse("programme:roll_call", kwargs={"slug": session.edition.slug, "pk": session.pk})


def rows(session):
    return {a.application_id: (a.present, a.minutes, a.camera_on) for a in Attendance.objects.filter(session=session)}


@pytest.mark.parametrize(
    ("kind", "status"),
    [("organiser", 200), ("coach", 200), ("coach of another edition", 403), ("participant", 403), ("admin", 200)],
)
def test_who_may_take_the_roll_call(client, edition, session, kind, status):
    pf.participant(edition)
    users = {
        "organiser": lambda: factories.with_role(Role.ORGANISER, edition),
        "coach": lambda: factories.with_role(Role.COACH, edition),
        "coach of another edition": lambda: factories.with_role(Role.COACH, factories.edition()),
        "participant": lambda: pf.participant(edition).applicant,
        "admin": factories.admin,
    }
    client.force_login(users[kind]())
    assert client.get(url(session)).status_code == status
    assert client.post(url(session), {"all_present": ""}).status_code in {status, 302}
    assert Attendance.objects.exists() is (status == 200)


def test_an_anonymous_visitor_is_sent_to_log_in(client, session):
    response = client.get(url(session))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_roll_call_lists_only_the_confirmed_cohort_with_a_label_for_every_input(client, edition, session):
    confirmed = pf.participant(edition, full_name="Ana Costa")
    pf.application(edition, status=Status.WAITLISTED, full_name="Wendy Waitlisted")
    client.force_login(factories.with_role(Role.COACH, edition))
    html = client.get(url(session)).content.decode()
    assert "Ana Costa" in html and "Wendy Waitlisted" not in html
    for field in ("present", "minutes", "camera"):
        assert f'<label for="id_{field}-{confirmed.pk}" class="visually-hidden">Ana Costa {field}' in html


def test_saving_the_roll_call_records_presence_minutes_and_camera(client, edition, session):
    ana, bruno = pf.participant(edition), pf.participant(edition)
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    data = {f"present-{ana.pk}": "on", f"minutes-{ana.pk}": "85", f"camera-{ana.pk}": "yes", f"camera-{bruno.pk}": ""}
    response = client.post(url(session), data, follow=True)
    assert "Attendance saved (2 rows changed)" in response.content.decode()
    assert rows(session) == {ana.pk: (True, 85, True), bruno.pk: (False, None, None)}


def test_everyone_present_keeps_typed_minutes_and_fills_the_rest_with_the_sessions_length(client, edition, session):
    ana, bruno = pf.participant(edition), pf.participant(edition)
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    client.post(url(session), {f"minutes-{ana.pk}": "60", "all_present": ""})
    assert rows(session) == {ana.pk: (True, 60, None), bruno.pk: (True, 90, None)}


def test_wrong_minutes_are_refused_nothing_is_saved_and_the_typing_is_kept(client, edition, session):
    ana, bruno = pf.participant(edition), pf.participant(edition)
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    data = {f"present-{ana.pk}": "on", f"minutes-{ana.pk}": "80", f"minutes-{bruno.pk}": "-5"}
    html = client.post(url(session), data).content.decode()
    assert "Some rows need a correction; nothing was saved." in html
    assert "greater than or equal to 0" in html
    assert 'value="80"' in html and 'value="-5"' in html
    assert not Attendance.objects.exists()


def test_changing_an_imported_row_by_hand_marks_it_as_roll_call(client, edition, session):
    ana = pf.participant(edition)
    Attendance.objects.create(session=session, application=ana, present=True, minutes=80, source=Source.IMPORT)
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    client.post(url(session), {f"present-{ana.pk}": "on", f"minutes-{ana.pk}": "80", f"camera-{ana.pk}": "yes"})
    row = Attendance.objects.get()
    assert (row.camera_on, row.source) == (True, Source.IMPORT)  # setting the camera keeps the import's minutes
    client.post(url(session), {f"present-{ana.pk}": "on", f"minutes-{ana.pk}": "70", f"camera-{ana.pk}": "yes"})
    row.refresh_from_db()
    assert (row.minutes, row.source) == (70, Source.MANUAL)


def test_a_break_has_no_roll_call(client, edition):
    pause = pf.session(edition, kind=Kind.BREAK, title="Coffee")
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    assert client.get(url(pause)).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_the_roll_call_takes_the_same_number_of_queries_however_many_participants(
    client, edition, session, size, django_assert_num_queries
):
    people = [pf.participant(edition) for _ in range(size)]
    for person in people[::2]:
        Attendance.objects.create(session=session, application=person, present=False)
    client.force_login(factories.with_role(Role.COACH, edition))
    # session, user, the roles with their editions (for the role check, the page's edition and the header),
    # programme session, participants, attendance
    with django_assert_num_queries(6):
        response = client.get(url(session))
    assert response.content.decode().count('type="checkbox"') == size
    data = {f"present-{p.pk}": "on" for p in people}
    # the same six to load, then savepoint, lock, insert, update, audit, release (the redirect is not followed)
    with django_assert_num_queries(12):
        client.post(url(session), data)
    assert Attendance.objects.filter(present=True).count() == size

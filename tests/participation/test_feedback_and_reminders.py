"""Coaches' feedback reaches the participant; reminders reach only those who have not handed in."""

import datetime as dt
import zoneinfo
from email.utils import parseaddr

import pytest
import time_machine
from django.core import mail

from academy.participation import homework
from academy.participation.models import Feedback
from tests import factories
from tests.participation import helpers

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
BEFORE_DUE = dt.datetime(2023, 1, 20, 12, tzinfo=BRUSSELS)


def test_coach_feedback_is_saved_and_the_participant_is_told_by_mail(client, edition, assignment, application, coach):
    item = homework.hand_in(assignment, application, text="Our map.", now=BEFORE_DUE)
    client.force_login(coach)
    response = client.post(
        f"/coach/{edition.slug}/homework/hand-ins/{item.pk}/", {"text": "Clear map; now pick one gap."}
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.coach, feedback.on_version, feedback.text) == (coach, 1, "Clear map; now pick one gap.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert parseaddr(message.to[0])[1] == application.applicant.email
    assert "Map your services" in message.subject
    assert f"/me/editions/{edition.slug}/homework/{assignment.pk}/" in message.body


def test_empty_feedback_is_refused_and_no_mail_goes(client, edition, assignment, application, coach):
    item = homework.hand_in(assignment, application, text="Our map.", now=BEFORE_DUE)
    client.force_login(coach)
    response = client.post(f"/coach/{edition.slug}/homework/hand-ins/{item.pk}/", {"text": "  "})
    assert response.status_code == 400 and not Feedback.objects.exists() and mail.outbox == []


def test_the_participant_sees_the_feedback_on_their_page(client, edition, assignment, application, coach):
    item = homework.hand_in(assignment, application, text="Our map.", now=BEFORE_DUE)
    homework.give_feedback(item, coach=coach, text="Well argued.")
    client.force_login(application.applicant)
    page = client.get(f"/me/editions/{edition.slug}/homework/{assignment.pk}/").content.decode()
    assert "Well argued." in page and "on version 1" in page


def test_reminders_go_only_to_those_who_have_not_handed_in(client, edition, assignment, application):
    others = helpers.cohort(edition, 3)
    homework.hand_in(assignment, others[0], text="Done.", now=BEFORE_DUE)
    organiser = factories.with_role("organiser", edition)
    client.force_login(organiser)
    with time_machine.travel(BEFORE_DUE, tick=False):
        response = client.post(f"/orga/{edition.slug}/homework/{assignment.pk}/remind/")
    assert response.status_code == 302
    assert sorted(parseaddr(m.to[0])[1] for m in mail.outbox) == sorted(
        a.applicant.email for a in [application, others[1], others[2]]
    )
    assert all("Map your services" in m.subject for m in mail.outbox)


def test_no_reminder_once_the_assignment_is_closed(client, edition, assignment, application):
    client.force_login(factories.with_role("organiser", edition))
    with time_machine.travel(dt.datetime(2023, 2, 2, tzinfo=BRUSSELS), tick=False):
        client.post(f"/orga/{edition.slug}/homework/{assignment.pk}/remind/")
    assert mail.outbox == []


def test_the_matrix_shows_handed_in_late_missing(client, edition, application):
    on_time = helpers.assignment(edition, title="On time")
    late = helpers.assignment(edition, title="Late one", late_until=dt.date(2023, 2, 10))
    missing = helpers.assignment(edition, title="Never")
    homework.hand_in(on_time, application, text="x", now=BEFORE_DUE)
    homework.hand_in(late, application, text="x", now=dt.datetime(2023, 2, 5, tzinfo=BRUSSELS))
    client.force_login(factories.with_role("organiser", edition))
    with time_machine.travel(dt.datetime(2023, 2, 11, tzinfo=BRUSSELS), tick=False):
        page = client.get(f"/orga/{edition.slug}/homework/").content.decode()
    assert page.count("status-handed_in") == 1 and page.count("status-late") == 1
    assert page.count("status-missing") == 1
    assert missing.title in page


def test_the_coach_sees_hand_ins_waiting_for_feedback_first(client, edition, assignment, coach):
    first, second, third = helpers.cohort(edition, 3)
    reviewed = homework.hand_in(assignment, first, text="x", now=BEFORE_DUE)
    homework.give_feedback(reviewed, coach=coach, text="Good.")
    homework.hand_in(assignment, second, text="x", now=BEFORE_DUE)
    resubmitted = homework.hand_in(assignment, third, text="x", now=BEFORE_DUE)
    homework.give_feedback(resubmitted, coach=coach, text="Try again.")
    homework.hand_in(assignment, third, text="y", now=BEFORE_DUE + dt.timedelta(hours=1))
    client.force_login(coach)
    page = client.get(f"/coach/{edition.slug}/homework/").content.decode()
    order = [page.index(p.applicant.full_name) for p in (third, second, first)]
    assert order == sorted(order)
    assert "new version since the feedback" in page and "to do" in page and "given" in page


def test_the_coach_list_comes_in_pages_of_fifty(client, edition, assignment, coach):
    for person in helpers.cohort(edition, 51):
        homework.hand_in(assignment, person, text="x", now=BEFORE_DUE)
    client.force_login(coach)
    first = client.get(f"/coach/{edition.slug}/homework/").content.decode()
    assert first.count("/homework/hand-ins/") == 50 and "Page 1 of 2" in first
    second = client.get(f"/coach/{edition.slug}/homework/?page=2").content.decode()
    assert second.count("/homework/hand-ins/") == 1

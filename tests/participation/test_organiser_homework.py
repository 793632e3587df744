"""Organisers set assignments: the reviewing coach is one of the edition's coaches; files are checked too."""

import datetime as dt
import zoneinfo

import pytest

from academy.participation import homework
from academy.participation.models import AssignmentAttachment, HomeworkAssignment
from tests import factories
from tests.participation import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    return client


def form(**changes):
    return {"title": "Pilot a service", "brief": "Test it with three members.", "due_date": "2023-02-20"} | changes


def test_organiser_creates_an_assignment_reviewed_by_a_coach(organiser_client, edition, coach):
    response = organiser_client.post(f"/orga/{edition.slug}/homework/new/", form(reviewer=coach.pk))
    assert response.status_code == 302
    created = HomeworkAssignment.objects.get()
    assert (created.edition, created.reviewer, created.due_date) == (edition, coach, dt.date(2023, 2, 20))


def test_only_a_coach_of_the_edition_can_be_the_reviewer(organiser_client, edition):
    outsider = helpers.coach(factories.edition())
    response = organiser_client.post(f"/orga/{edition.slug}/homework/new/", form(reviewer=outsider.pk))
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert 'value="Pilot a service"' in response.content.decode()
    assert not HomeworkAssignment.objects.exists()


def test_late_hand_ins_cannot_end_before_the_due_date(organiser_client, edition):
    response = organiser_client.post(f"/orga/{edition.slug}/homework/new/", form(late_until="2023-02-01"))
    assert response.status_code == 400 and "only be accepted after the due date" in response.content.decode()


def test_an_assignment_with_hand_ins_cannot_be_deleted(organiser_client, edition, assignment, application):
    homework.hand_in(
        assignment, application, text="Done", now=dt.datetime(2023, 1, 2, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    )
    organiser_client.post(f"/orga/{edition.slug}/homework/{assignment.pk}/delete/")
    assert HomeworkAssignment.objects.filter(pk=assignment.pk).exists()


def test_an_assignment_without_hand_ins_is_deleted(organiser_client, edition, assignment):
    organiser_client.post(f"/orga/{edition.slug}/homework/{assignment.pk}/delete/")
    assert not HomeworkAssignment.objects.exists()


def test_brief_files_are_checked_by_content(organiser_client, edition, assignment, stored):
    url = f"/orga/{edition.slug}/homework/{assignment.pk}/attachments/"
    response = organiser_client.post(url, {"file": helpers.upload("slides.pptx", b"not really slides")})
    assert response.status_code == 400 and "not a real PowerPoint file" in response.content.decode()
    organiser_client.post(url, {"file": helpers.office("Slides day 1.pptx", "ppt/")})
    attachment = AssignmentAttachment.objects.get()
    assert attachment.original_name == "Slides_day_1.pptx" and len(stored()) == 1


def test_an_organiser_of_another_edition_cannot_touch_this_one(client, edition, assignment):
    client.force_login(factories.with_role("organiser", factories.edition()))
    assert client.post(f"/orga/{edition.slug}/homework/{assignment.pk}/delete/").status_code == 403
    assert client.get(f"/orga/{edition.slug}/homework/{assignment.pk}/").status_code == 403
    assert HomeworkAssignment.objects.filter(pk=assignment.pk).exists()

"""Handing homework in: the due date is the end of the day in the edition's zone, resubmission until then."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from academy.accounts.models import AuditEntry
from academy.participation import homework, uploads
from academy.participation.models import HandIn
from tests import factories
from tests.participation import helpers

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def at(*args, zone=BRUSSELS):
    return dt.datetime(*args, tzinfo=zone)


def test_due_date_is_the_end_of_that_day_in_the_editions_zone(assignment):
    assert assignment.due_at == at(2023, 1, 31, 23, 59, 59, 999999)
    assert assignment.due_at.astimezone(dt.UTC) == dt.datetime(2023, 1, 31, 22, 59, 59, 999999, tzinfo=dt.UTC)


def test_hand_in_at_23_59_59_local_time_is_accepted(assignment, application):
    item = homework.hand_in(assignment, application, text="Our map.", now=at(2023, 1, 31, 23, 59, 59))
    assert item.version == 1 and not item.is_late


def test_hand_in_at_midnight_local_time_is_refused_and_nothing_is_saved(assignment, application):
    with pytest.raises(homework.HomeworkClosed):
        homework.hand_in(assignment, application, text="Our map.", now=at(2023, 2, 1, 0, 0, 0))
    assert not HandIn.objects.exists()


def test_deadline_follows_the_editions_own_zone():
    edition = factories.edition(time_zone="America/New_York")
    item = helpers.assignment(edition)
    person = helpers.participant(edition)
    new_york = zoneinfo.ZoneInfo("America/New_York")
    # 23:30 in New York is already 5:30 the next morning in Brussels, and still on time.
    homework.hand_in(item, person, text="On time in New York.", now=at(2023, 1, 31, 23, 30, zone=new_york))
    with pytest.raises(homework.HomeworkClosed):
        homework.hand_in(item, person, text="Too late.", now=at(2023, 2, 1, 0, 0, 1, zone=new_york))


def test_resubmission_replaces_the_text_and_counts_versions(assignment, application):
    homework.hand_in(assignment, application, text="First draft.", now=at(2023, 1, 20, 10))
    item = homework.hand_in(assignment, application, text="Final answer.", now=at(2023, 1, 31, 22))
    assert HandIn.objects.count() == 1
    item.refresh_from_db()
    assert (item.text, item.version) == ("Final answer.", 2)
    assert item.first_submitted_at == at(2023, 1, 20, 10) and item.submitted_at == at(2023, 1, 31, 22)
    assert AuditEntry.objects.filter(action="homework.handed_in").count() == 2


def test_a_new_file_replaces_the_old_one_in_storage(
    assignment, application, stored, django_capture_on_commit_callbacks
):
    first = homework.hand_in(
        assignment, application, text="", file=uploads.check(helpers.pdf("v1.pdf")), now=at(2023, 1, 20)
    )
    old_name = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        second = homework.hand_in(
            assignment, application, text="", file=uploads.check(helpers.office("v2.docx")), now=at(2023, 1, 21)
        )
    assert second.original_name == "v2.docx" and second.kind == "docx" and second.version == 2
    assert default_storage.exists(second.file.name)
    assert not default_storage.exists(old_name)


def test_resubmitting_text_only_keeps_the_file(assignment, application, stored):
    homework.hand_in(assignment, application, text="", file=uploads.check(helpers.pdf()), now=at(2023, 1, 20))
    item = homework.hand_in(assignment, application, text="A note for the coach.", now=at(2023, 1, 21))
    assert item.file and item.original_name == "homework.pdf" and item.text == "A note for the coach."


def test_a_hand_in_needs_text_or_a_file(assignment, application):
    with pytest.raises(ValidationError, match="Write your answer or upload a file"):
        homework.hand_in(assignment, application, text="   ", now=at(2023, 1, 20))
    assert not HandIn.objects.exists()


def test_late_hand_ins_are_accepted_until_the_late_date_and_marked_late(edition, application):
    item = helpers.assignment(edition, due=dt.date(2023, 1, 31), late_until=dt.date(2023, 2, 7))
    late = homework.hand_in(item, application, text="Sorry.", now=at(2023, 2, 3, 9))
    assert late.is_late and homework.status_of(item, late) == "late"
    with pytest.raises(homework.HomeworkClosed):
        homework.hand_in(item, application, text="Again.", now=at(2023, 2, 8, 0, 0))


def test_status_is_pending_before_the_due_date_and_missing_after(assignment):
    assert homework.status_of(assignment, None, now=at(2023, 1, 31, 23)) == "pending"
    assert homework.status_of(assignment, None, now=at(2023, 2, 1, 0)) == "missing"


def test_a_participant_of_another_edition_cannot_hand_in(assignment):
    other = helpers.participant(factories.edition())
    with pytest.raises(PermissionDenied):
        homework.hand_in(assignment, other, text="Not mine.", now=at(2023, 1, 20))


class TestThePage:
    def url(self, assignment):
        return f"/me/editions/{assignment.edition.slug}/homework/{assignment.pk}/"

    def test_participant_hands_in_text_and_a_file(self, client, assignment, application, stored):
        client.force_login(application.applicant)
        with time_machine.travel(at(2023, 1, 15, 12), tick=False):
            response = client.post(
                self.url(assignment), {"text": "Our service map.", "file": helpers.pdf("Map of services.pdf")}
            )
        assert response.status_code == 302
        item = HandIn.objects.get()
        assert item.text == "Our service map." and item.original_name == "Map_of_services.pdf"
        assert item.file.name.startswith(f"participation/{assignment.edition.slug}/homework/")
        assert "Map" not in item.file.name, "stored under a random name"
        page = client.get(self.url(assignment)).content.decode()
        assert "Our service map." in page and "Map_of_services.pdf" in page and "Hand in again" in page

    def test_after_the_due_date_it_is_refused_with_the_text_kept(self, client, assignment, application):
        client.force_login(application.applicant)
        with time_machine.travel(at(2023, 2, 1, 0, 0, 0), tick=False):
            response = client.post(self.url(assignment), {"text": "Typed at midnight, please keep me."})
        page = response.content.decode()
        assert response.status_code == 400
        assert "closed at the end of its due date" in page
        assert "Typed at midnight, please keep me." in page
        assert not HandIn.objects.exists()

    def test_at_23_59_59_local_time_the_page_accepts_it(self, client, assignment, application):
        client.force_login(application.applicant)
        with time_machine.travel(at(2023, 1, 31, 23, 59, 59), tick=False):
            response = client.post(self.url(assignment), {"text": "Just in time."})
        assert response.status_code == 302 and HandIn.objects.get().text == "Just in time."

    def test_a_pdf_renamed_docx_is_refused_with_the_text_kept(self, client, assignment, application, stored):
        client.force_login(application.applicant)
        with time_machine.travel(at(2023, 1, 15), tick=False):
            response = client.post(self.url(assignment), {"text": "See the file.", "file": helpers.pdf("report.docx")})
        page = response.content.decode()
        assert response.status_code == 400
        assert "not a real Word file, although its name ends in .docx" in page
        assert "See the file." in page
        assert not HandIn.objects.exists() and stored() == set()

    def test_the_list_shows_due_dates_in_the_editions_zone_and_for_the_viewer(self, client, assignment, application):
        client.force_login(application.applicant)
        page = client.get(f"/me/editions/{assignment.edition.slug}/homework/").content.decode()
        assert "31 January 2023, end of day CET" in page
        assert 'data-local-time="2023-01-31T22:59:59.999999+00:00"' in page

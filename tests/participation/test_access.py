"""Who may open what: participants only their own, coaches their edition's, organisers their edition's."""

import datetime as dt
import zoneinfo

import pytest

from academy.accounts.models import Role
from academy.participation import homework, uploads
from academy.participation.models import Feedback, HandIn
from tests import factories
from tests.participation import helpers

pytestmark = pytest.mark.django_db
BEFORE_DUE = dt.datetime(2023, 1, 20, 12, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))


@pytest.fixture
def hand_in(assignment, application, stored):
    item = homework.hand_in(
        assignment, application, text="Ana's private answer.", file=uploads.check(helpers.pdf()), now=BEFORE_DUE
    )
    Feedback.objects.create(hand_in=item, coach=assignment.reviewer, text="Private feedback.", on_version=1)
    return item


def test_a_non_participant_gets_403_on_every_participant_page(client, edition, assignment):
    applicant = helpers.participant(edition)
    applicant.status = "submitted"
    applicant.save()
    client.force_login(applicant.applicant)
    for path in ("homework/", f"homework/{assignment.pk}/", "info-pack/", "surveys/", "needs/"):
        assert client.get(f"/me/editions/{edition.slug}/{path}").status_code == 403, path


def test_signed_out_people_are_sent_to_log_in(client, edition):
    response = client.get(f"/me/editions/{edition.slug}/homework/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_participant_of_another_edition_gets_403(client, edition):
    other = helpers.participant(factories.edition())
    client.force_login(other.applicant)
    assert client.get(f"/me/editions/{edition.slug}/homework/").status_code == 403


def test_another_participants_hand_in_file_is_not_found(client, edition, hand_in):
    other = helpers.participant(edition)
    client.force_login(other.applicant)
    assert client.get(f"/me/editions/{edition.slug}/hand-ins/{hand_in.pk}/file/").status_code == 404


def test_another_participant_never_sees_my_answer_or_feedback(client, edition, assignment, hand_in):
    other = helpers.participant(edition)
    client.force_login(other.applicant)
    page = client.get(f"/me/editions/{edition.slug}/homework/{assignment.pk}/").content.decode()
    assert "Ana's private answer" not in page and "Private feedback" not in page


def test_a_participant_cannot_open_the_coach_pages(client, edition, hand_in, application):
    client.force_login(application.applicant)
    assert client.get(f"/coach/{edition.slug}/homework/hand-ins/{hand_in.pk}/").status_code == 403


def test_the_owner_downloads_their_file_under_its_own_name(client, edition, hand_in, application):
    client.force_login(application.applicant)
    response = client.get(f"/me/editions/{edition.slug}/hand-ins/{hand_in.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert 'filename="homework.pdf"' in response["Content-Disposition"]


def test_a_coach_of_another_edition_gets_403(client, edition, hand_in):
    stranger = helpers.coach(factories.edition())
    client.force_login(stranger)
    assert client.get(f"/coach/{edition.slug}/homework/").status_code == 403
    assert client.get(f"/coach/{edition.slug}/homework/hand-ins/{hand_in.pk}/").status_code == 403
    response = client.post(f"/coach/{edition.slug}/homework/hand-ins/{hand_in.pk}/", {"text": "Sneaky."})
    assert response.status_code == 403 and Feedback.objects.count() == 1


def test_a_coach_who_is_not_the_reviewer_gets_403(client, edition, hand_in):
    colleague = helpers.coach(edition)
    client.force_login(colleague)
    assert client.get(f"/coach/{edition.slug}/homework/hand-ins/{hand_in.pk}/").status_code == 403
    assert "Ana" not in client.get(f"/coach/{edition.slug}/homework/").content.decode()


def test_a_hand_in_of_another_edition_is_not_found_under_this_one(client, edition, hand_in):
    other_edition = factories.edition()
    organiser = factories.with_role(Role.ORGANISER, other_edition)
    client.force_login(organiser)
    assert client.get(f"/coach/{other_edition.slug}/homework/hand-ins/{hand_in.pk}/").status_code == 404


def test_the_reviewing_coach_sees_the_hand_in_and_downloads_the_file(client, edition, hand_in, coach):
    client.force_login(coach)
    assert (
        "Ana&#x27;s private answer."
        in client.get(f"/coach/{edition.slug}/homework/hand-ins/{hand_in.pk}/").content.decode()
    )
    response = client.get(f"/coach/{edition.slug}/homework/hand-ins/{hand_in.pk}/file/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_organiser_pages_refuse_coaches_and_participants(client, edition, application, coach):
    for person in (coach, application.applicant):
        client.force_login(person)
        for path in ("homework/", "info-pack/", "needs/", "surveys/", "homework.csv"):
            assert client.get(f"/orga/{edition.slug}/{path}").status_code == 403, (person, path)


def test_attachments_are_for_the_editions_people_only(client, edition, assignment, application, stored):
    attachment = homework.add_attachment(assignment, uploads.check(helpers.pdf("template.pdf")), by=None)
    url = f"/me/editions/{edition.slug}/homework/attachments/{attachment.pk}/"
    client.force_login(application.applicant)
    assert client.get(url).status_code == 200
    client.force_login(factories.user())
    assert client.get(url).status_code == 404, "a file's existence is not given away"
    assert HandIn.objects.count() == 0

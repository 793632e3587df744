"""Alumni: the page across editions, the follow-up answer, the invitation job and the organisers' totals."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from academy.accounts.models import AuditEntry, Role
from academy.applications.models import Application, Status
from academy.community import alumni
from academy.community.models import CommunitySettings, FollowUpAnswer
from academy.mail.models import OutboxMessage
from tests import factories

from . import helpers

pytestmark = pytest.mark.django_db
# The factory's edition ends its in-person days on 3 March 2023: the follow-up opens on 3 September 2023.
OPENS = dt.datetime(2023, 9, 3, tzinfo=dt.timezone(dt.timedelta(hours=2)))
ANSWER = {"trainings_given": "3", "people_reached": "45", "services_launched": "1", "story": "Two workshops."}


@pytest.fixture
def ana(edition):
    return helpers.member(edition, full_name="Ana Sousa")


def test_the_follow_up_opens_the_set_number_of_months_after_the_in_person_days(edition):
    assert alumni.opens_at(edition) == OPENS
    CommunitySettings.objects.create(edition=edition, followup_months=12)
    assert alumni.opens_at(edition).date() == dt.date(2024, 3, 3)
    assert alumni.is_open(edition, OPENS + dt.timedelta(days=150)) is False


def test_the_alumni_page_lists_every_edition_of_the_person_with_the_follow_up_state(client, edition, ana):
    soon = factories.edition(deadline=timezone.localdate() + dt.timedelta(days=20))
    Application.objects.create(edition=soon, applicant=ana.applicant, status=Status.CONFIRMED)
    client.force_login(ana.applicant)
    page = client.get("/me/alumni/").content.decode()
    assert f"Answer the follow-up of {edition.name}" in page
    assert f"The follow-up opens on {alumni.opens_at(soon):%-d %B %Y}" in page


def test_an_alumnus_answers_once_and_edits_the_same_answer(client, edition, ana):
    client.force_login(ana.applicant)
    response = client.post(f"/me/alumni/{edition.slug}/", ANSWER)
    assert response.status_code == 302
    client.post(f"/me/alumni/{edition.slug}/", ANSWER | {"people_reached": "60"})
    answer = FollowUpAnswer.objects.get()
    assert (answer.application, answer.trainings_given, answer.people_reached) == (ana, 3, 60)
    assert "3 trainings, 60 people reached, 1 services launched" in client.get("/me/alumni/").content.decode()
    actions = AuditEntry.objects.filter(action__startswith="alumni.followup").values_list("action", flat=True)
    assert sorted(actions) == ["alumni.followup_answered", "alumni.followup_updated"]


def test_negative_or_fractional_numbers_are_refused_in_words_and_kept(client, edition, ana):
    client.force_login(ana.applicant)
    response = client.post(f"/me/alumni/{edition.slug}/", ANSWER | {"trainings_given": "-1", "people_reached": "2.5"})
    page = response.content.decode()
    assert response.status_code == 400 and page.count("Enter a whole number, 0 or more.") == 2
    assert "Two workshops." in page and not FollowUpAnswer.objects.exists()


def test_the_follow_up_cannot_be_answered_before_it_opens(client, ana):
    soon = factories.edition(deadline=timezone.localdate() + dt.timedelta(days=20))
    Application.objects.create(edition=soon, applicant=ana.applicant, status=Status.CONFIRMED)
    client.force_login(ana.applicant)
    response = client.post(f"/me/alumni/{soon.slug}/", ANSWER)
    assert response.status_code == 403 and "The follow-up opens on" in response.content.decode()
    assert not FollowUpAnswer.objects.exists()


def test_only_the_editions_participants_reach_its_follow_up(client, edition, ana):
    for person in (
        helpers.member(edition, status=Status.NOT_SELECTED).applicant,
        factories.with_role(Role.ORGANISER, edition),
        helpers.member(factories.edition()).applicant,
    ):
        client.force_login(person)
        assert client.get(f"/me/alumni/{edition.slug}/").status_code == 404
        assert client.post(f"/me/alumni/{edition.slug}/", ANSWER).status_code == 404
    client.logout()
    assert client.get("/me/alumni/").status_code == 302
    assert not FollowUpAnswer.objects.exists()


def test_the_job_invites_each_alumnus_once_and_not_those_who_answered(edition, ana, time_machine):
    ben = helpers.member(edition, full_name="Ben Vogel")
    helpers.member(edition, status=Status.WAITLISTED)
    time_machine.move_to(OPENS + dt.timedelta(hours=9))
    alumni.save_answer(ben, by=ben.applicant, trainings_given=1, people_reached=5, services_launched=0, story="")
    call_command("cron", "community.alumni_followup")
    call_command("cron", "community.alumni_followup")
    sent = OutboxMessage.objects.filter(purpose="alumni_followup")
    assert [m.to_email for m in sent] == [ana.applicant.email]
    assert f"/me/alumni/{edition.slug}/" in sent[0].body and "6 months" in sent[0].body


def test_the_job_waits_for_the_opening_and_leaves_long_past_editions_alone(edition, ana, time_machine):
    for moment in (OPENS - dt.timedelta(days=1), OPENS + dt.timedelta(days=61)):
        time_machine.move_to(moment)
        call_command("cron", "community.alumni_followup")
    assert not OutboxMessage.objects.filter(purpose="alumni_followup").exists()


def test_organisers_read_the_totals_and_export_every_answer(client, edition, ana):
    ben = helpers.member(edition, full_name="Ben Vogel")
    helpers.member(edition)
    for person, numbers in ((ana, (3, 45, 1)), (ben, (2, 30, 0))):
        alumni.save_answer(
            person, by=person.applicant, **dict(zip(alumni.ANSWER_FIELDS, (*numbers, "=HYPERLINK(1)"), strict=True))
        )
    organiser = factories.with_role(Role.ORGANISER, edition)
    client.force_login(organiser)
    page = client.get(f"/orga/{edition.slug}/alumni/").content.decode()
    for total in ("2 / 3", ">5<", ">75<", ">1<"):
        assert total in page
    response = client.get(f"/orga/{edition.slug}/alumni.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Participant", "E-mail", "Organisation", "Country"]
    assert [r[0] for r in rows[1:]] == ["Ana Sousa", "Ben Vogel"]
    assert rows[1][4:8] == ["3", "45", "1", "'=HYPERLINK(1)"]
    assert AuditEntry.objects.filter(action="alumni.exported", edition=edition).exists()


def test_organisers_set_the_months_and_nobody_else_reads_the_totals(client, edition, ana):
    organiser = factories.with_role(Role.ORGANISER, edition)
    client.force_login(organiser)
    client.post(f"/orga/{edition.slug}/alumni/", {"followup_months": "9"})
    assert CommunitySettings.objects.get(edition=edition).followup_months == 9
    response = client.post(f"/orga/{edition.slug}/alumni/", {"followup_months": "-2"})
    assert response.status_code == 400
    for person in (factories.with_role(Role.ORGANISER, factories.edition()), ana.applicant):
        client.force_login(person)
        assert client.get(f"/orga/{edition.slug}/alumni/").status_code == 403
        assert client.get(f"/orga/{edition.slug}/alumni.csv").status_code == 403
        assert client.post(f"/orga/{edition.slug}/alumni/", {"followup_months": "1"}).status_code == 403
    assert CommunitySettings.objects.get(edition=edition).followup_months == 9


@pytest.mark.parametrize("months", ["37", "99999999999999999999"])
def test_months_beyond_the_limit_are_refused_and_the_page_keeps_the_saved_date(client, edition, months):
    """A huge number once made the date shown next to the form overflow (a 500 found by the form fuzz)."""
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    response = client.post(f"/orga/{edition.slug}/alumni/", {"followup_months": months})
    text = response.content.decode()
    assert response.status_code == 400 and "less than or equal to 36" in text
    assert "3 September 2023" in text and not CommunitySettings.objects.filter(edition=edition).exists()

"""Surveys: answered once, editable until closed, anonymous without a link to the person, results."""

import datetime as dt
import zoneinfo
from email.utils import parseaddr

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from academy.participation import surveys
from academy.participation.models import SurveyRespondent, SurveyResponse
from tests import factories
from tests.http import body
from tests.participation import helpers

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
OPENS = dt.datetime(2022, 12, 2, 17, tzinfo=BRUSSELS)
CLOSES = dt.datetime(2022, 12, 16, 23, 59, tzinfo=BRUSSELS)
DURING = dt.datetime(2022, 12, 5, 10, tzinfo=BRUSSELS)
AFTER = dt.datetime(2022, 12, 17, 10, tzinfo=BRUSSELS)


@pytest.fixture
def survey(edition):
    return helpers.survey(edition, opens_at=OPENS, closes_at=CLOSES)


def keys(survey):
    return [q.key for q in survey.questions.all()]


def answers(survey, rating=4, single="Yes", multiple=("Strategy",), text=""):
    rating_key, single_key, multiple_key, text_key = keys(survey)
    return {rating_key: rating, single_key: single, multiple_key: list(multiple), text_key: text}


def test_a_named_survey_is_answered_once_and_edited_until_it_closes(survey, application):
    surveys.answer(survey, application, answers(survey, rating=3), now=DURING)
    surveys.answer(survey, application, answers(survey, rating=5), now=DURING + dt.timedelta(days=1))
    response = SurveyResponse.objects.get()
    assert response.answers[keys(survey)[0]] == 5 and response.application == application
    assert SurveyRespondent.objects.count() == 1
    with pytest.raises(surveys.SurveyClosed):
        surveys.answer(survey, application, answers(survey, rating=1), now=AFTER)
    assert SurveyResponse.objects.get().answers[keys(survey)[0]] == 5


def test_a_survey_that_is_not_open_yet_refuses_answers(edition, application):
    unopened = helpers.survey(edition)
    with pytest.raises(surveys.SurveyClosed):
        surveys.answer(unopened, application, answers(unopened), now=DURING)


def test_an_anonymous_survey_stores_no_link_between_answers_and_person(edition, application):
    anonymous = helpers.survey(edition, anonymous=True, opens_at=OPENS, closes_at=CLOSES)
    surveys.answer(anonymous, application, answers(anonymous, text="Shorter sessions."), now=DURING)
    response = SurveyResponse.objects.get()
    assert response.application_id is None and response.updated_at is None
    respondent = SurveyRespondent.objects.get()
    assert respondent.application == application
    # Nothing in the response row points at the person: no foreign key, no time, no ordered id.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {SurveyResponse._meta.db_table}")  # noqa: S608 -- constant table name
        row = dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))
    assert set(row) == {"id", "survey_id", "application_id", "answers", "updated_at"}
    assert row["application_id"] is None and row["updated_at"] is None
    assert response.answers == answers(anonymous, text="Shorter sessions.") | {keys(anonymous)[2]: ["Strategy"]}
    assert len(str(row["id"]).replace("-", "")) == 32, "a random UUID, not a counter that follows the respondents"


def test_an_anonymous_survey_cannot_be_answered_twice(edition, application):
    anonymous = helpers.survey(edition, anonymous=True, opens_at=OPENS)
    surveys.answer(anonymous, application, answers(anonymous), now=DURING)
    with pytest.raises(surveys.AlreadyAnswered):
        surveys.answer(anonymous, application, answers(anonymous, rating=1), now=DURING)
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rating": 7}, "Choose a rating from 1 to 5."),
        ({"single": "Maybe"}, "Choose one of the options."),
        ({"multiple": ["Cooking"]}, "Choose among the options."),
        ({"rating": None}, "Please answer this question."),
    ],
)
def test_answers_are_checked_against_the_questions(survey, application, change, message):
    with pytest.raises(ValidationError, match=message):
        surveys.answer(survey, application, answers(survey, **change), now=DURING)
    assert not SurveyResponse.objects.exists() and not SurveyRespondent.objects.exists()


def test_results_count_each_option_and_average_the_ratings(edition, survey):
    people = helpers.cohort(edition, 4)
    for person, rating, single, multiple in [
        (people[0], 5, "Yes", ["Strategy", "Digital"]),
        (people[1], 4, "Yes", ["Strategy"]),
        (people[2], 2, "No", []),
    ]:
        surveys.answer(survey, person, answers(survey, rating, single, multiple, text="Good"), now=DURING)
    rating, single, multiple, text = surveys.results(survey)
    assert rating.rows == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 1)] and rating.average == 3.67
    assert single.rows == [("Yes", 2), ("No", 1)]
    assert multiple.rows == [("Strategy", 2), ("Services", 0), ("Digital", 1)] and multiple.answered == 2
    assert text.texts == ["Good", "Good", "Good"]
    assert rating.chart == {
        "id": f"chart-{rating.question.pk}",
        "label": "How useful was it?",
        "labels": ["1", "2", "3", "4", "5"],
        "counts": [0, 1, 0, 1, 1],
    }


def test_participant_answers_by_form_and_edits_later(client, edition, survey, application):
    client.force_login(application.applicant)
    url = f"/me/editions/{edition.slug}/surveys/{survey.pk}/"
    rating_key, single_key, multiple_key, text_key = keys(survey)
    with time_machine.travel(DURING, tick=False):
        response = client.post(url, {rating_key: "4", single_key: "Yes", multiple_key: ["Digital"], text_key: ""})
        assert response.status_code == 302
        page = client.get(url).content.decode()
        assert "you can change your answers until the survey closes" in page
        client.post(url, {rating_key: "2", single_key: "No"})
    assert SurveyResponse.objects.get().answers == {rating_key: 2, single_key: "No"}
    with time_machine.travel(AFTER, tick=False):
        response = client.post(url, {rating_key: "5", single_key: "Yes", text_key: "Typed after closing"})
    assert response.status_code == 400 and "This survey is closed." in response.content.decode()
    assert "Typed after closing" in response.content.decode()
    assert SurveyResponse.objects.get().answers[rating_key] == 2


def test_a_missing_required_answer_is_shown_and_nothing_saved(client, edition, survey, application):
    client.force_login(application.applicant)
    rating_key, _single, _multiple, text_key = keys(survey)
    with time_machine.travel(DURING, tick=False):
        response = client.post(
            f"/me/editions/{edition.slug}/surveys/{survey.pk}/", {rating_key: "4", text_key: "Kept text"}
        )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode() and "Kept text" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_reminder_goes_to_those_who_have_not_answered(client, edition, survey, application):
    others = helpers.cohort(edition, 2)
    surveys.answer(survey, others[0], answers(survey), now=DURING)
    client.force_login(factories.with_role("organiser", edition))
    with time_machine.travel(DURING, tick=False):
        page = client.get(f"/orga/{edition.slug}/surveys/{survey.pk}/results/").content.decode()
        assert "2 participants have not answered" in page
        assert application.applicant.full_name in page and others[1].applicant.email not in page
        client.post(f"/orga/{edition.slug}/surveys/{survey.pk}/remind/")
    assert sorted(parseaddr(m.to[0])[1] for m in mail.outbox) == sorted(
        [application.applicant.email, others[1].applicant.email]
    )
    assert f"/me/editions/{edition.slug}/surveys/{survey.pk}/" in mail.outbox[0].body


def test_organiser_builds_opens_and_closes_a_survey(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    base = f"/orga/{edition.slug}/surveys/"
    response = client.post(base, {"title": "Day 3 feedback", "part": "session", "session_label": ""})
    assert response.status_code == 400 and "Name the session" in response.content.decode()
    response = client.post(base, {"title": "Day 3 feedback", "part": "session", "session_label": "Pitching"})
    survey_url = response["Location"]
    pk = int(survey_url.rstrip("/").rsplit("/", 1)[1])
    response = client.post(f"{survey_url}open/")
    assert "Add at least one question" in client.get(survey_url).content.decode()
    response = client.post(f"{survey_url}questions/", {"label": "Which part?", "kind": "single", "choices_text": "A"})
    assert response.status_code == 400 and "at least two options" in response.content.decode()
    client.post(
        f"{survey_url}questions/",
        {
            "label": "Which part?",
            "kind": "single",
            "choices_text": "Slides\nExercise\nSlides",
            "required": "on",
            "position": 1,
        },
    )
    from academy.participation.models import Survey

    question = Survey.objects.get(pk=pk).questions.get()
    assert question.choices == ["Slides", "Exercise"]
    client.post(f"{survey_url}open/")
    survey = Survey.objects.get(pk=pk)
    assert survey.is_open() and survey.about == "Pitching"
    client.post(f"{survey_url}close/")
    assert not Survey.objects.get(pk=pk).is_open()


def test_questions_are_locked_once_someone_has_answered(client, edition, survey, application):
    surveys.answer(survey, application, answers(survey), now=DURING)
    client.force_login(factories.with_role("organiser", edition))
    question = survey.questions.first()
    client.post(f"/orga/{edition.slug}/surveys/{survey.pk}/questions/{question.pk}/delete/")
    assert survey.questions.count() == 4


def test_survey_export_names_people_only_when_not_anonymous(client, edition, application):
    named = helpers.survey(edition, opens_at=OPENS)
    anonymous = helpers.survey(edition, anonymous=True, opens_at=OPENS, title="Anonymous one")
    surveys.answer(named, application, answers(named, text='=HYPERLINK("x")'), now=DURING)
    surveys.answer(anonymous, application, answers(anonymous), now=DURING)
    client.force_login(factories.with_role("organiser", edition))
    named_csv = body(client.get(f"/orga/{edition.slug}/surveys/{named.pk}/results.csv")).decode("utf-8-sig")
    anonymous_csv = body(client.get(f"/orga/{edition.slug}/surveys/{anonymous.pk}/results.csv")).decode("utf-8-sig")
    assert application.applicant.email in named_csv and "'=HYPERLINK" in named_csv
    assert application.applicant.email not in anonymous_csv and "Participant" not in anonymous_csv
    assert "How useful was it?" in anonymous_csv


def test_saving_the_settings_keeps_a_survey_closed_by_hand_closed(client, edition, survey):
    organiser = factories.with_role("organiser", edition)
    client.force_login(organiser)
    with time_machine.travel(DURING, tick=False):
        client.post(f"/orga/{edition.slug}/surveys/{survey.pk}/close/")
        page = client.get(f"/orga/{edition.slug}/surveys/{survey.pk}/").content.decode()
        assert 'name="closes_on" value="2022-12-05"' in page
        client.post(
            f"/orga/{edition.slug}/surveys/{survey.pk}/",
            {"title": "Renamed", "part": "whole", "closes_on": "2022-12-05"},
        )
    survey.refresh_from_db()
    assert survey.title == "Renamed" and survey.closes_at == DURING
    with time_machine.travel(DURING, tick=False):
        client.post(
            f"/orga/{edition.slug}/surveys/{survey.pk}/",
            {"title": "Renamed", "part": "whole", "closes_on": "2022-12-20"},
        )
    survey.refresh_from_db()
    assert survey.closes_at == dt.datetime(2022, 12, 20, 23, 59, 59, 999999, tzinfo=BRUSSELS)

"""A participant's path through the academy: hands in homework, reads the coach's feedback, answers the survey."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.participation import homework
from academy.participation.models import HandIn, SurveyResponse
from tests import factories
from tests.browser.academy_days import service_map_pdf
from tests.browser.menu import open_tool
from tests.participation import helpers

pytestmark = pytest.mark.django_db(transaction=True)


def test_participant_hands_in_homework_reads_feedback_and_answers_the_survey(
    page, live_server, sign_in, axe_violations, coursework
):
    edition = factories.edition()
    given = coursework(edition)
    coach, work, survey = given.coach, given.assignment, given.survey
    application = helpers.participant(edition, full_name="Inês Costa")
    pdf = service_map_pdf()

    sign_in(application.applicant.email)
    page.goto(f"{live_server.url}/me/editions/{edition.slug}/homework/")
    expect(page.get_by_role("heading", level=1, name="Homework")).to_be_visible()
    expect(page.locator("[data-local-time]").first).to_contain_text("in your time zone")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Map your services").click()
    page.get_by_label("Your answer").fill("Our map is attached; the two gaps are training and finance.")
    page.get_by_label("File:", exact=True).set_input_files(
        files=[{"name": "service-map.pdf", "mimeType": "application/pdf", "buffer": pdf}]
    )
    page.get_by_role("button", name="Hand in").click()
    expect(page.get_by_text("Your homework is handed in.")).to_be_visible()
    expect(page.get_by_role("link", name="service-map.pdf")).to_be_visible()
    assert axe_violations(page) == []
    item = HandIn.objects.get(assignment=work, application=application)
    assert item.kind == "pdf" and item.version == 1

    homework.give_feedback(item, coach=coach, text="A clear map. Which members could co-design the training?")
    page.reload()
    feedback = page.get_by_role("region", name="Feedback")
    expect(feedback).to_contain_text("A clear map. Which members could co-design the training?")
    expect(feedback).to_contain_text(coach.full_name)

    page.get_by_role("navigation", name="My academy").get_by_role("link", name="Surveys").click()
    page.get_by_role("link", name=survey.title).click()
    assert axe_violations(page) == []
    page.get_by_role("group", name="How useful was it?").get_by_label("4").check()
    page.get_by_role("group", name="Cameras on?").get_by_label("Yes").check()
    page.get_by_role("group", name="Which topics?").get_by_label("Digital").check()
    page.get_by_label("What should change?").fill("More time for peer exchange.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are saved.")).to_be_visible()
    expect(page.get_by_role("button", name="Save my changes")).to_be_visible()
    answers = SurveyResponse.objects.get(survey=survey).answers
    assert sorted(answers.values(), key=str) == sorted([4, "Yes", ["Digital"], "More time for peer exchange."], key=str)
    assert axe_violations(page) == []


def test_organiser_reads_survey_results_as_charts_with_tables_and_the_homework_matrix(
    page, live_server, sign_in, axe_violations
):
    edition = factories.edition()
    organiser = factories.with_role("organiser", edition)
    survey = helpers.survey(edition, opens_at=timezone.now() - dt.timedelta(hours=1))
    keys = [q.key for q in survey.questions.all()]
    people = helpers.cohort(edition, 3)
    work = helpers.assignment(edition, due=timezone.localdate() + dt.timedelta(days=7))
    homework.hand_in(work, people[0], text="Done.")
    from academy.participation import surveys

    for person, rating in zip(people[:2], [5, 3], strict=True):
        surveys.answer(survey, person, {keys[0]: rating, keys[1]: "Yes"})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    sign_in(organiser.email)
    page.goto(f"{live_server.url}/orga/{edition.slug}/surveys/{survey.pk}/results/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(survey.title)
    table = page.get_by_role("table", name="Answers to “How useful was it?”")
    expect(table.get_by_role("row", name="5 1")).to_be_visible()
    expect(page.get_by_role("heading", name="1 participant has not answered")).to_be_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas')) !== undefined")
    assert page.evaluate("() => document.querySelectorAll('canvas').length") == 3
    assert errors == []
    assert axe_violations(page) == []

    open_tool(page, "Homework")
    matrix = page.get_by_role("table", name="Participants and the status of each assignment")
    expect(matrix).to_contain_text("handed in")
    expect(matrix).to_contain_text("not yet due")
    assert axe_violations(page) == []
    matrix.get_by_role("link", name="handed in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(people[0].applicant.full_name)
    expect(page.get_by_label("Your feedback")).to_be_visible()
    assert axe_violations(page) == []
    page.go_back()
    for name in ("Hand-ins to review", "Info pack", "Dietary and accessibility needs", "Surveys"):
        open_tool(page, name)
        assert axe_violations(page) == [], name

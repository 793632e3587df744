"""The whole participant path in one go, in a real browser: the programme, the session's video link, a homework
hand-in with a real PDF, the coach's feedback given on the coach's own page, the survey; axe on every page."""

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from academy.participation.models import Feedback, HandIn, SurveyResponse
from tests.browser.academy_days import open_programme, service_map_pdf
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db(transaction=True)
FEEDBACK = "A clear map. Which members could co-design the training?"


def test_a_participant_goes_from_the_programme_to_the_feedback_survey(
    page, browser, live_server, sign_in, axe_violations, programme, meeting_room, coursework
):
    given = coursework(programme)
    ana = pf.participant(programme, email="ana.costa@cluster-pt.example", full_name="Ana Costa")
    slug = programme.slug
    sign_in(ana.applicant.email)

    # The programme, and the session's video link.
    open_programme(page, live_server, programme)
    assert axe_violations(page) == []
    join = page.get_by_role("link", name="Join Cluster strategy")
    expect(join).to_be_visible()
    expect(join).to_have_attribute("href", meeting_room)
    join.click()
    expect(page).to_have_url(meeting_room)
    expect(page.get_by_role("heading", name="Meeting room")).to_be_visible()

    # Homework: a real PDF handed in, and downloaded back as it was.
    page.goto(f"{live_server.url}/me/editions/{slug}/homework/")
    expect(page.get_by_role("heading", level=1, name="Homework")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=given.assignment.title).click()
    assert axe_violations(page) == []
    page.get_by_label("Your answer").fill("Our map is attached; the two gaps are training and finance.")
    page.get_by_label("File:", exact=True).set_input_files(
        files=[{"name": "service-map.pdf", "mimeType": "application/pdf", "buffer": service_map_pdf()}]
    )
    page.get_by_role("button", name="Hand in").click()
    expect(page.get_by_text("Your homework is handed in.")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="service-map.pdf").click()
    assert download.value.suggested_filename == "service-map.pdf"
    pdf = PdfReader(download.value.path())
    assert "Our service map" in pdf.pages[0].extract_text()

    # The coach, in a browser of their own, gives feedback on their page.
    coach_browser = browser.new_context()
    try:
        coach_page = coach_browser.new_page()
        sign_in(given.coach.email, on=coach_page)
        coach_page.goto(f"{live_server.url}/coach/{slug}/homework/")
        assert axe_violations(coach_page) == []
        coach_page.get_by_role("link", name="Ana Costa").click()
        expect(coach_page.get_by_role("heading", level=1)).to_contain_text("Ana Costa")
        assert axe_violations(coach_page) == []
        coach_page.get_by_label("Your feedback").fill(FEEDBACK)
        coach_page.get_by_role("button", name="Send feedback").click()
        expect(coach_page.get_by_text("Your feedback is saved and the participant has been told.")).to_be_visible()
    finally:
        coach_browser.close()
    item = HandIn.objects.get(application=ana)
    assert Feedback.objects.get(hand_in=item).coach == given.coach

    # The participant reads it.
    page.go_back()
    page.reload()
    feedback = page.get_by_role("region", name="Feedback")
    expect(feedback).to_contain_text(FEEDBACK)
    expect(feedback).to_contain_text(given.coach.full_name)
    assert axe_violations(page) == []

    # The survey.
    page.get_by_role("navigation", name="My academy").get_by_role("link", name="Surveys").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=given.survey.title).click()
    assert axe_violations(page) == []
    page.get_by_role("group", name="How useful was it?").get_by_label("5").check()
    page.get_by_role("group", name="Cameras on?").get_by_label("Yes").check()
    page.get_by_label("What should change?").fill("More time for peer exchange.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are saved.")).to_be_visible()
    assert axe_violations(page) == []
    answers = SurveyResponse.objects.get(survey=given.survey, application=ana).answers
    assert sorted(map(str, answers.values())) == sorted(["5", "Yes", "More time for peer exchange."])

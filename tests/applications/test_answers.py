"""Answers are validated against the question rows on the server, whatever the client sends."""

import pytest
from django.core.files.storage import default_storage

from academy.applications import answers
from academy.applications.answers import AnswerError
from academy.applications.models import Question
from academy.applications.models import QuestionType as T
from academy.privacy import notices

from .helpers import add_question, pdf_upload


@pytest.fixture
def q(edition):
    made = []

    def make(type, **fields):
        made.append(type)
        return add_question(edition, f"q{len(made)}", type, **fields)

    return make


@pytest.mark.django_db
def test_long_text_over_its_limit_is_refused_with_both_numbers(q):
    question = q(T.LONG_TEXT, max_length=10)
    with pytest.raises(AnswerError, match="under 10 characters; it has 11"):
        answers.clean(question, "x" * 11)
    assert answers.clean(question, "x" * 10) == "x" * 10


@pytest.mark.django_db
def test_long_text_keeps_its_line_breaks_and_spaces(q):
    assert answers.clean(q(T.LONG_TEXT), "  one\r\ntwo  ") == "  one\ntwo  "


@pytest.mark.django_db
def test_short_text_has_a_default_limit_and_one_line(q):
    question = q(T.SHORT_TEXT)
    with pytest.raises(AnswerError, match="under 200"):
        answers.clean(question, "x" * 201)
    with pytest.raises(AnswerError, match="one line"):
        answers.clean(question, "a\nb")


@pytest.mark.django_db
def test_html_is_stored_as_the_text_typed(q):
    assert answers.clean(q(T.LONG_TEXT), "<script>alert(1)</script>") == "<script>alert(1)</script>"


@pytest.mark.django_db
def test_a_choice_not_offered_is_refused(q):
    question = q(T.SINGLE_CHOICE, choices=["A", "B"])
    with pytest.raises(AnswerError, match="“C” is not one of the options"):
        answers.clean(question, "C")
    assert answers.clean(question, "B") == "B"


@pytest.mark.django_db
def test_multiple_choice_keeps_the_order_of_the_options_and_refuses_others(q):
    question = q(T.MULTIPLE_CHOICE, choices=["A", "B", "C"])
    assert answers.clean(question, ["C", "A", "A"]) == ["A", "C"]
    with pytest.raises(AnswerError, match="“Z”"):
        answers.clean(question, ["A", "Z"])
    assert answers.clean(question, []) is None


@pytest.mark.django_db
def test_numbers_are_parsed_and_bounded(q):
    question = q(T.NUMBER, min_value=0, max_value=40)
    assert answers.clean(question, "12") == 12
    assert answers.clean(question, "2,5") == 2.5
    with pytest.raises(AnswerError, match="40 or less"):
        answers.clean(question, "41")
    with pytest.raises(AnswerError, match="Enter a number"):
        answers.clean(question, "twelve")
    with pytest.raises(AnswerError, match="Enter a number"):
        answers.clean(question, "NaN")


@pytest.mark.django_db
def test_yes_no_date_and_url(q):
    assert answers.clean(q(T.YES_NO), "yes") is True
    with pytest.raises(AnswerError, match="yes or no"):
        answers.clean(q(T.YES_NO), "maybe")
    assert answers.clean(q(T.DATE), "2022-10-31") == "2022-10-31"
    with pytest.raises(AnswerError, match="date such as"):
        answers.clean(q(T.DATE), "31/10/2022")
    assert answers.clean(q(T.URL), "https://cluster.example/about") == "https://cluster.example/about"
    with pytest.raises(AnswerError, match="web address"):
        answers.clean(q(T.URL), "javascript:alert(1)")


@pytest.mark.django_db
def test_a_text_answer_sent_as_a_list_is_refused(q):
    with pytest.raises(AnswerError, match="wrong form"):
        answers.clean(q(T.SHORT_TEXT), ["a", "b"])


@pytest.mark.django_db
def test_consent_keeps_the_version_of_the_editions_current_privacy_notice(q, edition):
    question = q(T.CONSENT)
    assert answers.clean(question, "on") == {"accepted": True, "version": f"{edition.year}-1"}
    assert answers.clean(question, "") is None
    notices.publish(edition, notices.first_text(edition) | {"kept": "Less."}, by=None)
    question = Question.objects.get(pk=question.pk)
    assert answers.clean(question, "on") == {"accepted": True, "version": f"{edition.year}-2"}


@pytest.mark.django_db
def test_a_pdf_is_stored_under_a_random_name_and_its_name_is_cleaned(q, edition):
    question = q(T.FILE)
    value = answers.clean(question, pdf_upload("../../x.pdf"), edition=edition)
    assert value["name"] == "x.pdf"
    assert value["path"].startswith(f"applications/{edition.slug}/") and "x.pdf" not in value["path"]
    assert ".." not in value["path"]
    with default_storage.open(value["path"], "rb") as stored:
        assert stored.read(5) == b"%PDF-"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("C:\\Users\\ana\\plan.pdf", "plan.pdf"),
        ("..", "document.pdf"),
        ("report.exe", "report.exe.pdf"),
        ("", "document.pdf"),
    ],
)
def test_file_names_are_shown_without_any_path(raw, shown):
    assert answers.display_name(raw) == shown


@pytest.mark.django_db
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(q, edition):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    with pytest.raises(AnswerError, match="Only PDF files"):
        answers.clean(q(T.FILE), fake, edition=edition)


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(q, edition):
    question = q(T.FILE, max_file_mb=1)
    with pytest.raises(AnswerError, match="largest allowed is 1 MB"):
        answers.clean(question, pdf_upload(size=1024 * 1024 + 1), edition=edition)


@pytest.mark.django_db
def test_problems_name_every_missing_answer_and_unticked_commitment(edition, form):
    found = answers.problems(list(form.values()), {"motivation": "Yes"})
    assert found["experience"] == "Choose an answer."
    assert found["ecosystems"] == "Choose at least one option."
    assert "every participant makes this commitment" in found["commit_camera"]
    assert "privacy notice" in found["privacy"]
    assert "motivation" not in found


@pytest.mark.django_db
def test_a_consent_to_an_older_privacy_notice_must_be_given_again(edition, form):
    agreed = {"privacy": answers.clean(form["privacy"], "on")}
    assert answers.problems([form["privacy"]], agreed) == {}
    notices.publish(edition, notices.first_text(edition) | {"kept": "Less."}, by=None)
    privacy = Question.objects.get(pk=form["privacy"].pk)
    assert "has changed" in answers.problems([privacy], agreed)["privacy"]


@pytest.mark.django_db
def test_progress_counts_required_answers(edition, form):
    assert answers.progress(list(form.values()), {"motivation": "x", "commit_attend": True}) == (2, 9)


@pytest.mark.django_db
def test_a_file_answer_cannot_be_a_path_sent_by_the_client(q, edition):
    question = q(T.FILE)
    with pytest.raises(AnswerError, match="Upload a PDF file"):
        answers.clean(question, {"name": "x.pdf", "path": "applications/x/../../settings.py"}, edition=edition)
    with pytest.raises(AnswerError, match="Upload a PDF file"):
        answers.clean(question, "/etc/passwd", edition=edition)

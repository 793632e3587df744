"""The organiser's form builder: questions with types, choices one per line, order, the standard form;
a question with answers keeps its type and cannot be deleted; only the edition's organisers get in."""

import pytest

from academy.accounts.models import AuditEntry
from academy.applications import services, standard_form
from academy.applications.models import Dimension, Question
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(edition):
    return factories.with_role("organiser", edition)


def url(edition, rest=""):
    return f"/orga/{edition.slug}/form/{rest}"


def test_the_standard_form_has_the_questions_of_the_call(client, edition, organiser):
    client.force_login(organiser)
    client.post(url(edition, "standard/"))
    questions = {q.key: q for q in Question.objects.filter(edition=edition)}
    assert list(questions) == [
        "experience",
        "background",
        "ecosystems",
        "motivation",
        "expectations",
        "commit_attend",
        "commit_camera",
        "commit_homework",
        "privacy",
    ]
    assert questions["experience"].choices == ["Under 3 years", "3–5 years", "6–10 years", "Over 10 years"]
    assert questions["experience"].dimension == Dimension.EXPERIENCE
    assert questions["background"].dimension == Dimension.BACKGROUND
    assert len(questions["ecosystems"].choices) == 14 and questions["ecosystems"].dimension == Dimension.ECOSYSTEM
    assert questions["privacy"].consent_version == "2022-1"
    client.post(url(edition, "standard/"))  # a second time adds nothing
    assert Question.objects.filter(edition=edition).count() == 9


def test_an_organiser_adds_a_choice_question_with_one_option_per_line(client, edition, organiser):
    client.force_login(organiser)
    response = client.post(
        url(edition, "new/"),
        {
            "label": "Which language do you train in?",
            "type": "single_choice",
            "choices": "English\n\n French \nEnglish\nGerman",
            "required": "on",
            "max_file_mb": "5",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(edition=edition)
    assert question.choices == ["English", "French", "German"]
    assert question.key == "which_language_do_you_train_in"
    assert AuditEntry.objects.filter(action="form.question_added").exists()


def test_a_choice_question_needs_two_options(client, edition, organiser):
    client.force_login(organiser)
    response = client.post(
        url(edition, "new/"), {"label": "Pick", "type": "single_choice", "choices": "Only", "max_file_mb": "5"}
    )
    assert response.status_code == 400 and "at least two options" in response.content.decode()
    assert not Question.objects.exists()


def test_a_consent_question_cites_the_editions_current_notice_without_a_typed_version(client, edition, organiser):
    client.force_login(organiser)
    assert "consent_version" not in client.get(url(edition, "new/")).content.decode()
    response = client.post(url(edition, "new/"), {"label": "Agree", "type": "consent", "max_file_mb": "5"})
    assert response.status_code == 302
    assert Question.objects.get(edition=edition).consent_version == f"{edition.year}-1"


def test_a_question_with_answers_cannot_change_type_or_be_deleted(client, edition, organiser, during_call, form):
    applicant = factories.user()
    draft = services.start_application(applicant, edition)
    services.save_draft(draft, {"motivation": "Answered"}, based_on_revision=0)
    motivation = form["motivation"]
    client.force_login(organiser)
    response = client.post(
        url(edition, f"{motivation.pk}/"),
        {"label": motivation.label, "key": "motivation", "type": "short_text", "required": "on", "max_file_mb": "5"},
    )
    assert response.status_code == 400 and "its type cannot change" in response.content.decode()
    client.post(url(edition, f"{motivation.pk}/delete/"))
    motivation.refresh_from_db()
    assert motivation.type == "long_text"
    page = client.get(url(edition)).content.decode()
    assert "Has answers" in page
    # the label and the help text may still change
    client.post(
        url(edition, f"{motivation.pk}/"),
        {
            "label": "Why this academy?",
            "key": "motivation",
            "type": "long_text",
            "max_length": "2000",
            "max_file_mb": "5",
        },
    )
    motivation.refresh_from_db()
    assert motivation.label == "Why this academy?"


def test_a_question_without_answers_can_be_deleted(client, edition, organiser, form):
    client.force_login(organiser)
    client.post(url(edition, f"{form['expectations'].pk}/delete/"))
    assert not Question.objects.filter(key="expectations").exists()


def test_questions_move_up_and_down(client, edition, organiser, form):
    client.force_login(organiser)
    client.post(url(edition, f"{form['background'].pk}/move/"), {"direction": "up"})
    keys = list(Question.objects.filter(edition=edition).order_by("position").values_list("key", flat=True))
    assert keys[:3] == ["background", "experience", "ecosystems"]
    client.post(url(edition, f"{form['privacy'].pk}/move/"), {"direction": "down"})  # already last
    assert Question.objects.filter(edition=edition).order_by("position").last().key == "privacy"


@pytest.mark.parametrize("role", ["reviewer", "coach", None])
def test_only_the_editions_organisers_use_the_form_builder(client, edition, form, role):
    person = factories.with_role(role, edition) if role else factories.with_role("organiser", factories.edition())
    client.force_login(person)
    assert client.get(url(edition)).status_code == 403
    assert client.post(url(edition, f"{form['motivation'].pk}/delete/")).status_code == 403
    assert client.post(url(edition, "new/"), {"label": "x", "type": "short_text"}).status_code == 403
    assert Question.objects.filter(edition=edition).count() == 9


def test_a_question_of_another_edition_is_not_found(client, edition, organiser):
    other = factories.edition()
    standard_form.install(other)
    client.force_login(organiser)
    foreign = Question.objects.filter(edition=other).first()
    assert client.post(url(edition, f"{foreign.pk}/delete/")).status_code == 404
    assert Question.objects.filter(edition=other).count() == 9


@pytest.mark.parametrize("extra", [0, 20])
def test_the_form_builder_list_takes_the_same_queries_for_9_or_29_questions(
    client, edition, organiser, form, extra, django_assert_num_queries
):
    for n in range(extra):
        Question.objects.create(
            edition=edition, key=f"extra{n}", label=f"Extra {n}", type="short_text", position=10 + n
        )
    client.force_login(organiser)
    client.get(url(edition))
    with django_assert_num_queries(6):
        assert client.get(url(edition)).status_code == 200

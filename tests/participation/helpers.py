"""Small factories for participation tests: confirmed participants, assignments, files made here."""

import datetime as dt
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from academy.accounts.models import Role
from academy.applications.models import Application, Status
from academy.participation.models import HomeworkAssignment, QuestionKind, Survey, SurveyQuestion
from tests import factories


def participant(edition, **fields):
    """A confirmed participant's application (with a fresh person) in `edition`."""
    return Application.objects.create(edition=edition, applicant=factories.user(**fields), status=Status.CONFIRMED)


def cohort(edition, n):
    return [participant(edition, full_name=f"Participant {i:03}") for i in range(n)]


def coach(edition):
    return factories.with_role(Role.COACH, edition)


def assignment(edition, *, due=dt.date(2023, 1, 31), reviewer=None, **fields):
    defaults = {"title": "Map your services", "brief": "List your services.", "due_date": due}
    return HomeworkAssignment.objects.create(edition=edition, reviewer=reviewer, **(defaults | fields))


def survey(edition, *, anonymous=False, opens_at=None, closes_at=None, **fields):
    created = Survey.objects.create(
        edition=edition,
        title=fields.pop("title", "How did the online days go?"),
        anonymous=anonymous,
        opens_at=opens_at,
        closes_at=closes_at,
        **fields,
    )
    SurveyQuestion.objects.create(survey=created, kind=QuestionKind.RATING, label="How useful was it?", position=1)
    SurveyQuestion.objects.create(
        survey=created, kind=QuestionKind.SINGLE, label="Cameras on?", choices=["Yes", "No"], position=2
    )
    SurveyQuestion.objects.create(
        survey=created,
        kind=QuestionKind.MULTIPLE,
        label="Which topics?",
        choices=["Strategy", "Services", "Digital"],
        position=3,
        required=False,
    )
    SurveyQuestion.objects.create(
        survey=created, kind=QuestionKind.TEXT, label="What should change?", position=4, required=False
    )
    return created


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="homework.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def office(name="homework.docx", folder="word/"):
    """A real (minimal) Office Open XML container."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(f"{folder}document.xml", '<?xml version="1.0"?><document/>')
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(name, content):
    return SimpleUploadedFile(name, content)

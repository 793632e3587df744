"""A person who has left personal data in every app, and a search of every text column for it."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.services import create_api_token, grant_role, record
from academy.applications.models import EligibilityOverride, Status, SubmittedVersion
from academy.community.models import DirectoryEntry, FollowUpAnswer
from academy.completion.models import Certificate, CompletionException
from academy.mail.models import OutboxMessage, State
from academy.participation.models import (
    Feedback,
    HandIn,
    ParticipantNeeds,
    SurveyQuestion,
    SurveyRespondent,
    SurveyResponse,
)
from academy.programme.models import Attendance, CalendarToken, Coach
from academy.registry.models import RegisteredPerson
from academy.reviews.models import Assignment, Conflict, ConflictKind, Review, Reviewer
from academy.selection.models import Offer
from tests import factories
from tests.applications import screening_factories as sf
from tests.participation import helpers as ph
from tests.programme import factories as pf

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def past_edition():
    """An edition whose in-person days ended in 2023: finished, and its 12 months of retention over."""
    edition = factories.edition(deadline=dt.date(2022, 10, 31))
    sf.questions(edition)
    return edition


@dataclass
class Footprint:
    user: object
    name: str
    email: str
    phrase: str
    application: object
    files: list

    @property
    def needles(self):
        return [self.name, self.email, self.phrase]


def _stored(name, content=PDF):
    return default_storage.save(f"applications/test/{secrets.token_hex(4)}/{name}", ContentFile(content))


def leave_footprint(edition, *, status=Status.CONFIRMED, country="PT", label="Zephyrine"):
    """A person named `label …` who applied to `edition` and left data in every app we have."""
    token = secrets.token_hex(3)
    name, email = f"{label} Quillfeather{token}", f"{label.lower()}.{token}@cluster.example"
    phrase = f"purple-walrus-{token}-sings"
    cv = _stored(f"{phrase}-cv.pdf")
    receipt = _stored("receipt.pdf")
    answers = {
        "motivation": f"I am {name} and {phrase}.",
        "experience": sf.EXPERIENCE[1],
        "ecosystems": ["Digital"],
        "cv": {"name": f"{phrase}-cv.pdf", "path": cv, "size": len(PDF)},
    }
    app = sf.application(edition, status=status, answers=answers, country=country, name=name, email=email)
    SubmittedVersion.objects.filter(application=app).update(receipt_pdf=receipt)
    user = app.applicant
    organiser = factories.with_role(Role.ORGANISER, edition)
    RegisteredPerson.objects.create(organisation=app.organisation, email=email, name=name, role="manager")
    EligibilityOverride.objects.create(
        edition=edition, person=user, rule="country", reason=phrase, granted_by=organiser
    )
    record("eligibility.override", actor=organiser, obj=user, edition=edition, rule="country", reason=phrase)
    record("application.status", actor=user, obj=app, edition=edition, old="submitted", new="x", reason=phrase)
    create_api_token(user, name=phrase)
    # Mail to them, one by address only.
    for n, to_user in enumerate((user, None)):
        OutboxMessage.objects.create(
            edition=edition, purpose="receipt", to_email=email, to_name=name, to_user=to_user, state=State.SENT,
            subject=f"Receipt for {name}", body=f"Dear {name},\n{phrase}", context={"name": name},
            message_id=f"<{token}.{n}@academy.example>", sent_at=timezone.now(),
        )  # fmt: skip
    # Reviewed by someone else, who wrote about them.
    reviewer = factories.with_role(Role.REVIEWER, edition)
    assignment = Assignment.objects.create(edition=edition, reviewer=reviewer, application=app)
    Review.objects.create(
        assignment=assignment, scores={"1": 4}, total=75.0, comment=f"{name} says {phrase}", submitted_at=timezone.now()
    )
    # They review another edition's applications themselves.
    other_edition = factories.edition(deadline=dt.date(2022, 10, 31))
    grant_role(user, other_edition, Role.REVIEWER)
    Reviewer.objects.create(edition=other_edition, email=email, user=user, token_hash=token, invited_at=timezone.now())
    record("reviews.invited", actor=None, edition=other_edition, email=email)
    reviewed = sf.application(other_edition, name="Someone Else")
    mine = Assignment.objects.create(edition=other_edition, reviewer=user, application=reviewed)
    Review.objects.create(assignment=mine, scores={"1": 3}, total=50.0, comment=phrase, submitted_at=timezone.now())
    Conflict.objects.create(
        edition=other_edition, reviewer=user, kind=ConflictKind.COUNTRY, country="FR", reason=phrase
    )
    # Programme: coach elsewhere, attendance here, a personal calendar.
    Coach.objects.create(edition=other_edition, user=user, name=name, email=email, bio=phrase)
    session = pf.session(edition)
    Attendance.objects.create(
        session=session, application=app, present=True, minutes=60, imported_name=name, imported_email=email
    )
    CalendarToken.objects.create(user=user, edition=edition, token=token * 4)
    # Participation: a hand-in with a file, feedback on it, needs, a named and an anonymous survey.
    homework = ph.assignment(edition)
    upload = _stored(f"{phrase}.pdf")
    hand_in = HandIn.objects.create(
        assignment=homework, application=app, text=phrase, file=upload, original_name=f"{phrase}.pdf",
        kind="pdf", size=len(PDF), submitted_at=timezone.now(), first_submitted_at=timezone.now(),
    )  # fmt: skip
    Feedback.objects.create(hand_in=hand_in, coach=organiser, text=f"Well done {name}", on_version=1)
    ParticipantNeeds.objects.create(application=app, dietary="other", dietary_notes=phrase, accessibility=phrase)
    named = ph.survey(edition)
    text_q = SurveyQuestion.objects.get(survey=named, kind="text")
    rating_q = SurveyQuestion.objects.get(survey=named, kind="rating")
    SurveyResponse.objects.create(survey=named, application=app, answers={str(rating_q.pk): 4, str(text_q.pk): phrase})
    SurveyRespondent.objects.create(survey=named, application=app)
    anonymous = ph.survey(edition, anonymous=True, title="Anonymous")
    SurveyResponse.objects.create(survey=anonymous, application=None, answers={"1": f"anonymous {token}"})
    if status == Status.CONFIRMED:
        Offer.objects.create(
            application=app, offered_at=timezone.now(), respond_by=timezone.now(), response="confirmed",
            decline_reason=phrase,
        )  # fmt: skip
        Certificate.objects.create(edition=edition, application=app, code=token * 4, name=name, hours=14, pdf=upload)
        CompletionException.objects.create(application=app, reason=phrase, granted_by=organiser)
        DirectoryEntry.objects.create(application=app, consented_at=timezone.now(), bio=phrase, phone=token)
        FollowUpAnswer.objects.create(
            application=app, trainings_given=2, people_reached=40, services_launched=1, story=phrase
        )
    LogEntry.objects.create(
        user=organiser, content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk),
        object_repr=str(user), action_flag=CHANGE, change_message=f"Changed {email}",
    )  # fmt: skip
    return Footprint(user=user, name=name, email=email, phrase=phrase, application=app, files=[cv, receipt, upload])


TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)


def _forms(needle):
    """The needle as a database may store it inside JSON (SQLite keeps \\u escapes)."""
    escaped = needle.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")
    return {needle, escaped}


def personal_data_left(needles, *, allowed=()):
    """Every (model, field, needle, pk) where a text or JSON column still holds one of `needles`.

    `allowed` lists (model, pk) rows that may still hold them (the person's own account after a purge)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS) or field.primary_key:
                continue
            rows = model._default_manager.all()
            column = field.attname
            if isinstance(field, models.JSONField):
                rows = rows.annotate(_as_text=Cast(field.attname, models.TextField()))
                column = "_as_text"
            for needle in needles:
                for form in _forms(needle):
                    for pk in rows.filter(**{f"{column}__icontains": form}).values_list("pk", flat=True):
                        if (model, pk) not in allowed:
                            found.append((model._meta.label, field.name, needle, pk))
    return sorted(set(found))


def explain(found):
    """A failure message that tells the integrator what to add."""
    lines = [f"  {label}.{field} (row {pk}) still holds {needle!r}" for label, field, needle, pk in found]
    return (
        "Personal data left in the database:\n"
        + "\n".join(lines)
        + "\nDeclare it in a personal_data.py of that model's app (see academy/core/personal_data.py): "
        "export it, and erase or anonymise it on deletion and purge."
    )

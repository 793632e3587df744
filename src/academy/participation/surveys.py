"""Feedback surveys: answering once (editable until closed, unless anonymous), opening and closing,
results per question, the CSV export and reminders."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.core.errors import Refused

from . import notify
from .models import QuestionKind, SurveyRespondent, SurveyResponse
from .queries import non_respondents

RATINGS = [1, 2, 3, 4, 5]
MAX_TEXT = 5000


class SurveyClosed(Refused):
    pass


class AlreadyAnswered(Refused):
    pass


def clean_answers(questions, answers):
    """Keep only answers to these questions, in the right shape; raise ValidationError({key: message})."""
    clean, errors = {}, {}
    for q in questions:
        value = answers.get(q.key)
        if value in (None, "", []):
            if q.required:
                errors[q.key] = _("Please answer this question.")
            continue
        if q.kind == QuestionKind.RATING:
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = None
            if value not in RATINGS:
                errors[q.key] = _("Choose a rating from 1 to 5.")
                continue
        elif q.kind == QuestionKind.SINGLE and value not in q.choices:
            errors[q.key] = _("Choose one of the options.")
            continue
        elif q.kind == QuestionKind.MULTIPLE:
            value = [value] if isinstance(value, str) else list(value)
            if not set(value) <= set(q.choices):
                errors[q.key] = _("Choose among the options.")
                continue
            value = [c for c in q.choices if c in value]
        elif q.kind == QuestionKind.TEXT:
            value = str(value).strip()[:MAX_TEXT]
        clean[q.key] = value
    if errors:
        raise ValidationError(errors)
    return clean


def my_response(survey, application):
    """The participant's own answers (None for an anonymous survey: they are not linked to anyone)."""
    if survey.anonymous:
        return None
    return SurveyResponse.objects.filter(survey=survey, application=application).first()


def has_answered(survey, application):
    return SurveyRespondent.objects.filter(survey=survey, application=application).exists()


def answer(survey, application, answers, *, now=None):
    """Record the participant's answers; a named survey may be answered again until it closes."""
    now = now or timezone.now()
    if application.edition_id != survey.edition_id:
        raise PermissionDenied
    if not survey.is_open(now):
        raise SurveyClosed(_("This survey is closed."))
    clean = clean_answers(list(survey.questions.all()), answers)
    try:
        with transaction.atomic():
            _respondent, first = SurveyRespondent.objects.get_or_create(
                survey=survey, application=application, defaults={"answered_at": now}
            )
            if survey.anonymous:
                if not first:
                    raise AlreadyAnswered(_("You have answered this anonymous survey already."))
                response = SurveyResponse.objects.create(survey=survey, answers=clean)
            else:
                response, _created = SurveyResponse.objects.update_or_create(
                    survey=survey, application=application, defaults={"answers": clean, "updated_at": now}
                )
    except IntegrityError as error:  # two tabs sending at once
        raise AlreadyAnswered(_("You have answered this survey already.")) from error
    return response


def open_survey(survey, *, by, now=None):
    now = now or timezone.now()
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    survey.opens_at = now
    if survey.closes_at is not None and survey.closes_at <= now:
        survey.closes_at = None
    survey.save(update_fields=["opens_at", "closes_at"])
    record("survey.opened", actor=by, obj=survey, edition=survey.edition)


def close_survey(survey, *, by, now=None):
    survey.closes_at = now or timezone.now()
    survey.save(update_fields=["closes_at"])
    record("survey.closed", actor=by, obj=survey, edition=survey.edition)


def questions_locked(survey):
    return survey.respondents.exists()


def send_reminders(survey, *, by, now=None):
    """Invite every participant who has not answered yet; return how many were invited."""
    if not survey.is_open(now):
        return 0
    people = list(non_respondents(survey))
    for application in people:
        notify.survey_invitation(survey, application)
    record("survey.reminded", actor=by, obj=survey, edition=survey.edition, count=len(people))
    return len(people)


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    rows: list = field(default_factory=list)  # [(option, count)]
    average: float | None = None
    texts: list = field(default_factory=list)

    @property
    def chart(self):
        return {
            "id": f"chart-{self.question.pk}",
            "label": self.question.label,
            "labels": [str(label) for label, _n in self.rows],
            "counts": [n for _label, n in self.rows],
        }


def results(survey):
    """Per question: how many answered, counts per option (ratings 1–5), the average rating, the texts."""
    questions = list(survey.questions.all())
    responses = list(SurveyResponse.objects.filter(survey=survey).values_list("answers", flat=True))
    out = []
    for q in questions:
        values = [r[q.key] for r in responses if r.get(q.key) not in (None, "", [])]
        result = QuestionResult(question=q, answered=len(values))
        if q.kind == QuestionKind.RATING:
            result.rows = [(n, values.count(n)) for n in RATINGS]
            result.average = round(sum(values) / len(values), 2) if values else None
        elif q.kind == QuestionKind.SINGLE:
            result.rows = [(c, values.count(c)) for c in q.choices]
        elif q.kind == QuestionKind.MULTIPLE:
            result.rows = [(c, sum(c in v for v in values)) for c in q.choices]
        else:
            result.texts = values
        out.append(result)
    return out


def export_rows(survey):
    """A header and one row per response; named surveys start with the participant."""
    questions = list(survey.questions.all())
    header = ([] if survey.anonymous else [_("Participant"), _("E-mail")]) + [q.label for q in questions]
    yield header
    responses = SurveyResponse.objects.filter(survey=survey)
    if survey.anonymous:
        responses = responses.order_by("id")
    else:
        responses = responses.select_related("application__applicant").order_by("application__applicant__full_name")
    for response in responses:
        person = (
            [] if survey.anonymous else [response.application.applicant.full_name, response.application.applicant.email]
        )
        cells = []
        for q in questions:
            value = response.answers.get(q.key, "")
            cells.append("; ".join(value) if isinstance(value, list) else value)
        yield person + cells

"""Answers as text, and the organiser's export of a filtered list of applications: one row per application,
one column per question (by key) after the applicant's name, e-mail, organisation, country, status,
eligibility, last submission time in the edition's time zone, and the privacy notice version agreed to with
when (in the edition's zone, with its abbreviation)."""

from django.utils.translation import gettext as _

from .models import QuestionType
from .queries import current_answers

FIXED_COLUMNS = [
    "name",
    "email",
    "organisation",
    "country",
    "status",
    "eligible",
    "submitted_at",
    "consent_version",
    "consent_at",
]
TIME_FORMAT = "%Y-%m-%d %H:%M"
ZONED_FORMAT = "%Y-%m-%d %H:%M %Z"


def answer_text(value):
    """One answer as plain text: lists joined by "; ", yes/no for booleans, a file's name for a file."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(answer_text(item) for item in value)
    if isinstance(value, dict):
        if "accepted" in value:  # a consent answer: {"accepted": True, "version": "2027-1"}
            return (
                _("agreed to version %(version)s") % {"version": value.get("version", "")} if value["accepted"] else ""
            )
        return str(value.get("name") or value.get("filename") or value.get("path") or "")
    return str(value)


def answer_rows(questions, answers, file_address=None):
    """[(label, text, address)] for each question the answers hold, in the form's order, then any answer to a
    question that no longer exists under its key. `address` is `file_address(key)` for an uploaded file, else None."""
    answers = answers or {}
    known = {q.key for q in questions}
    rows = []
    for q in questions:
        if q.key in answers:
            value = answers[q.key]
            uploaded = q.type == QuestionType.FILE and isinstance(value, dict) and value.get("path")
            rows.append((q.label, answer_text(value), file_address(q.key) if uploaded and file_address else None))
    rows += [(key, answer_text(value), None) for key, value in answers.items() if key not in known]
    return rows


def local_time(moment, edition, time_format=TIME_FORMAT):
    return moment.astimezone(edition.zone).strftime(time_format) if moment else ""


def eligible_text(value):
    return {True: _("yes"), False: _("no")}.get(value, _("not checked"))


def header(questions):
    return [*FIXED_COLUMNS, *(q.key for q in questions)]


COLUMNS = [
    "applicant__full_name",
    "applicant__email",
    "organisation__name",
    "organisation__country",
    "status",
    "is_eligible",
    "submitted_at",
    "consent_version",
    "consent_at",
    "current",
]


def rows(applications, questions, edition):
    """The export's rows, streamed from one query over `applications` (a screening_list queryset); plain
    tuples rather than model instances, since thousands of rows are the point."""
    keys = [q.key for q in questions]
    eligible_texts = {value: eligible_text(value) for value in (True, False, None)}
    values = applications.annotate(current=current_answers()).values_list(*COLUMNS)
    for row in values.iterator(1000):
        name, email, organisation, country, status, eligible, submitted_at, consent_version, consent_at, answers = row
        answers = answers or {}
        yield [
            name,
            email,
            organisation or "",
            country or "",
            status,
            eligible_texts[eligible],
            local_time(submitted_at, edition),
            consent_version,
            local_time(consent_at, edition, ZONED_FORMAT),
            *[a if type(a) is str else answer_text(a) for a in map(answers.get, keys)],
        ]


def filename(edition, extension):
    return f"{edition.slug}-applications.{extension}"

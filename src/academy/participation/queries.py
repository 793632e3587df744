"""Read-only views of homework and surveys, each a fixed number of queries whatever the cohort's size."""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch
from django.utils import timezone

from academy.applications.queries import participants

from .homework import STATUS_LABELS, status_of
from .models import Assignment, HandIn, SurveyRespondent


def assignments(edition):
    return Assignment.objects.filter(edition=edition).select_related("edition", "reviewer")


def my_homework(edition, application):
    """The edition's assignments, each with `.mine` = [the participant's hand-in] or []."""
    mine = HandIn.objects.filter(application=application).annotate(feedback_count=Count("feedback"))
    return list(assignments(edition).prefetch_related(Prefetch("hand_ins", queryset=mine, to_attr="mine")))


@dataclass
class Cell:
    assignment: Assignment
    hand_in: HandIn | None
    status: str

    @property
    def label(self):
        return STATUS_LABELS[self.status]


@dataclass
class MatrixRow:
    application: object
    cells: list = field(default_factory=list)


@dataclass
class Matrix:
    assignments: list
    rows: list  # each assignment also carries `.handed_in`, the number of hand-ins


def homework_matrix(edition, now=None):
    """Participants × assignments with the status of each hand-in: three queries."""
    now = now or timezone.now()
    people = list(participants(edition))
    items = list(assignments(edition))
    found = {
        (h.assignment_id, h.application_id): h
        for h in HandIn.objects.filter(assignment__edition=edition).only(
            "id", "assignment_id", "application_id", "submitted_at", "version", "original_name", "text"
        )
    }
    rows = []
    handed_in = {a.pk: 0 for a in items}
    for person in people:
        row = MatrixRow(application=person)
        for assignment in items:
            hand_in = found.get((assignment.pk, person.pk))
            handed_in[assignment.pk] += hand_in is not None
            row.cells.append(Cell(assignment, hand_in, status_of(assignment, hand_in, now)))
        rows.append(row)
    for assignment in items:
        assignment.handed_in = handed_in[assignment.pk]
    return Matrix(assignments=items, rows=rows)


def hand_ins_to_review(edition, user, *, everything=False):
    """Hand-ins of the assignments `user` reviews (all of the edition's with `everything`), newest first,
    with `feedback_version` = the latest version that has feedback."""
    queryset = HandIn.objects.filter(assignment__edition=edition)
    if not everything:
        queryset = queryset.filter(assignment__reviewer=user)
    return list(
        queryset.select_related("assignment", "assignment__edition", "application__applicant")
        .annotate(feedback_version=Max("feedback__on_version"))
        .order_by("assignment__due_date", "assignment_id", "-submitted_at")
    )


def reviewed_assignments(edition, user, *, everything=False):
    queryset = assignments(edition)
    return queryset if everything else queryset.filter(reviewer=user)


def non_respondents(survey):
    answered = SurveyRespondent.objects.filter(survey=survey).values("application_id")
    return participants(survey.edition).exclude(pk__in=answered)


def respondent_counts(edition_surveys):
    """Survey id → number of participants who answered, in one query."""
    rows = SurveyRespondent.objects.filter(survey__in=edition_surveys).values("survey_id").annotate(n=Count("id"))
    return {row["survey_id"]: row["n"] for row in rows}

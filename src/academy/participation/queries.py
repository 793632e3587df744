"""Read-only views of homework and surveys, each a fixed number of queries whatever the cohort's size."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, Count, F, Max, OuterRef, Prefetch, Q, Subquery, When
from django.utils import timezone

from academy.applications.queries import participants

from .homework import STATUS_LABELS, status_of
from .models import Feedback, HandIn, HomeworkAssignment, SurveyRespondent


def assignments(edition):
    return HomeworkAssignment.objects.filter(edition=edition).select_related("edition", "reviewer")


def my_homework(edition, application):
    """The edition's assignments, each with `.mine` = [the participant's hand-in] or []."""
    mine = HandIn.objects.filter(application=application).annotate(feedback_count=Count("feedback"))
    return list(assignments(edition).prefetch_related(Prefetch("hand_ins", queryset=mine, to_attr="mine")))


@dataclass
class Cell:
    assignment: HomeworkAssignment
    hand_in: HandIn | None
    status: str

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def feedback_at(self):
        return getattr(self.hand_in, "feedback_at", None)


@dataclass
class MatrixRow:
    application: object
    cells: list = field(default_factory=list)


@dataclass
class Matrix:
    assignments: list
    rows: list  # each assignment also carries `.handed_in`, the number of hand-ins


def homework_matrix(edition, now=None, *, only=None):
    """Participants × assignments (those in the queryset `only`, else all the edition's) with the status of
    each hand-in; each hand-in carries `feedback_at` (the latest feedback, or None) and `feedback_version`
    (the latest version that has feedback). Three queries."""
    now = now or timezone.now()
    people = list(cohort(edition))
    items = list(assignments(edition) if only is None else only)
    hand_ins = (
        HandIn.objects.filter(assignment__in=[a.pk for a in items])
        .only("id", "assignment_id", "application_id", "submitted_at", "version")
        .annotate(feedback_at=Max("feedback__created_at"), feedback_version=Max("feedback__on_version"))
    )
    found = {(h.assignment_id, h.application_id): h for h in hand_ins}
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


def cohort(edition):
    """The confirmed participants, without the application's answers (large, and not needed here)."""
    return participants(edition).defer("answers", "eligibility_reasons")


REVIEW_PAGE = 50


def hand_ins_to_review(edition, user, *, everything=False, page=1):
    """One page of the hand-ins of the assignments `user` reviews (all of the edition's with `everything`):
    those waiting for feedback first, then by due date, newest first. Each carries `feedback_version`, the
    latest version that has feedback, and `waiting`."""
    reviewed = {a.pk: a for a in reviewed_assignments(edition, user, everything=everything)}
    latest_feedback = Feedback.objects.filter(hand_in=OuterRef("pk")).order_by("-on_version").values("on_version")
    waiting = Q(feedback_version__isnull=True) | Q(feedback_version__lt=F("version"))
    queryset = (
        HandIn.objects.filter(assignment__in=list(reviewed))
        .select_related("application__applicant")
        .only("id", "assignment_id", "version", "submitted_at", "application__id", "application__applicant")
        .annotate(feedback_version=Subquery(latest_feedback[:1]))
        .annotate(waiting=Case(When(waiting, then=True), default=False, output_field=BooleanField()))
        .order_by("-waiting", "assignment__due_date", "assignment_id", "-submitted_at")
    )
    items = Paginator(queryset, REVIEW_PAGE).get_page(page)
    for item in items:
        item.assignment = reviewed[item.assignment_id]
    return items


def reviewed_assignments(edition, user, *, everything=False):
    queryset = assignments(edition)
    return queryset if everything else queryset.filter(reviewer=user)


def non_respondents(survey):
    answered = SurveyRespondent.objects.filter(survey=survey).values("application_id")
    return cohort(survey.edition).exclude(pk__in=answered)


def respondent_counts(edition_surveys):
    """Survey id → number of participants who answered, in one query."""
    rows = SurveyRespondent.objects.filter(survey__in=edition_surveys).values("survey_id").annotate(n=Count("id"))
    return {row["survey_id"]: row["n"] for row in rows}

"""The figures of an edition's dashboard, each a plain function of the edition in a fixed number of queries
whatever the number of applications (counts are GROUP BY queries, never loops over rows)."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from academy.applications.models import Application, Dimension, Question, Status, SubmittedVersion
from academy.applications.queries import SUBMITTED_STATES, AnswerText, dimension_key
from academy.completion.rule import evaluate
from academy.participation.models import HomeworkAssignment, QuestionKind, Survey, SurveyQuestion, SurveyResponse
from academy.participation.queries import respondent_counts
from academy.programme.models import Kind, Session
from academy.reviews.models import Assignment as ReviewAssignment
from academy.reviews.models import Review
from academy.selection.models import Offer

OFFERED_STATES = [Status.OFFERED, Status.CONFIRMED, Status.DECLINED, Status.EXPIRED]
UNANSWERED = _("Not answered")


def completed_count(edition):
    """How many confirmed participants complete: meet the edition's completion rule or hold an exception."""
    return sum(outcome.completes for outcome in evaluate(edition))


@dataclass
class Stage:
    key: str
    label: str
    count: int | None
    note: str = ""


def funnel(edition):
    """From the first click to completion, each stage a subset of the one before (one query)."""
    # `pk IN (subquery)`: the database builds the set once (a hashed subplan), instead of a lookup per row.
    reviewed = Review.objects.filter(
        assignment__edition=edition, assignment__removed=False, submitted_at__isnull=False
    ).values("assignment__application_id")
    offered = Offer.objects.filter(application__edition=edition).values("application_id")
    submitted = Q(status__in=SUBMITTED_STATES)
    eligible = submitted & Q(is_eligible=True)
    counts = Application.objects.filter(edition=edition).aggregate(
        registered=Count("pk"),
        drafts=Count("pk", filter=Q(revision__gt=0) | Q(submitted_at__isnull=False)),
        submitted=Count("pk", filter=submitted),
        eligible=Count("pk", filter=eligible),
        reviewed=Count("pk", filter=eligible & Q(pk__in=reviewed)),
        offered=Count("pk", filter=Q(status__in=OFFERED_STATES) | Q(pk__in=offered)),
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN)),
    )
    return [
        Stage("registered", _("Started an application"), counts["registered"]),
        Stage("drafts", _("Saved a draft"), counts["drafts"]),
        Stage("submitted", _("Submitted"), counts["submitted"], _("not withdrawn")),
        Stage("eligible", _("Eligible"), counts["eligible"]),
        Stage("reviewed", _("Reviewed"), counts["reviewed"], _("at least one review submitted")),
        Stage("offered", _("Offered a seat"), counts["offered"], _("from the selection or the waitlist")),
        Stage("confirmed", _("Confirmed"), counts["confirmed"]),
        Stage("completed", _("Completed"), completed_count(edition)),
    ], counts["withdrawn"]


@dataclass
class Day:
    day: dt.date
    new: int
    total: int

    @property
    def label(self):
        return self.day.isoformat()


def applications_per_day(edition, *, today=None):
    """First submissions per calendar day in the edition's zone, from the day the call opens to the deadline
    (or the last submission, if later), with the running total (one query)."""
    rows = (
        SubmittedVersion.objects.filter(
            number=1, application__edition=edition, application__status__in=SUBMITTED_STATES
        )
        .annotate(day=TruncDate("submitted_at", tzinfo=edition.zone))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    per_day = {row["day"]: row["n"] for row in rows}
    first = min([edition.call_opens, *per_day])
    last = max([edition.application_deadline, *per_day])
    if today is not None and edition.call_opens <= today < edition.application_deadline:
        last = max([today, *per_day])  # an open call: up to today, the deadline is still to come
    days, total, day = [], 0, first
    while day <= last:
        total += per_day.get(day, 0)
        days.append(Day(day, per_day.get(day, 0), total))
        day += dt.timedelta(days=1)
    return days


@dataclass
class Split:
    """Applicants (submitted, not withdrawn) and the cohort (confirmed) by one value of a dimension."""

    label: str
    applicants: int
    cohort: int


def _splits(counts, *, sort_by_label=False):
    rows = [Split(label, a, c) for label, (a, c) in counts.items()]
    if sort_by_label:
        return sorted(rows, key=lambda s: s.label)
    return sorted(rows, key=lambda s: (-s.applicants, -s.cohort, s.label))


def _two_counts():
    return {
        "applicants": Count("pk", distinct=True),
        "cohort": Count("pk", filter=Q(status=Status.CONFIRMED), distinct=True),
    }


def _by_organisation(edition, field):
    """[(value of the organisation's `field`, applicants, cohort)] in one GROUP BY query."""
    rows = (
        Application.objects.filter(edition=edition, status__in=SUBMITTED_STATES)
        .values(field)
        .annotate(**_two_counts())
        .order_by()
    )
    return [(row[field], row["applicants"], row["cohort"]) for row in rows]


def by_country(edition):
    """By the country of the applicant's organisation in the registry."""
    return _splits(
        {
            (Country(code).name if code else str(_("Unknown"))): (a, c)
            for code, a, c in _by_organisation(edition, "organisation__country")
        }
    )


def by_ecosystem(edition):
    """By the industrial ecosystems of the applicant's organisation in the registry (one may count in several)."""
    rows = _by_organisation(edition, "organisation__ecosystems__name")
    return _splits({(name or str(_("None given"))): (a, c) for name, a, c in rows})


def by_answers(edition):
    """Experience and professional background, from the answers to the questions tagged with those dimensions
    in each application's latest submitted version: {dimension: [Split]} in the order of the question's
    choices (two queries)."""
    questions = list(Question.objects.filter(edition=edition).exclude(dimension=""))
    keys = {dim: dimension_key(questions, dim) for dim in (Dimension.EXPERIENCE, Dimension.BACKGROUND)}
    keys = {dim: key for dim, key in keys.items() if key}
    if not keys:
        return {}
    # Each application's latest submitted version: the one with no later number (an index-only check).
    later = SubmittedVersion.objects.filter(application=OuterRef("application"), number__gt=OuterRef("number"))
    answers = {f"a_{dim}": AnswerText(F("answers"), key) for dim, key in keys.items()}
    rows = (
        SubmittedVersion.objects.filter(application__edition=edition, application__status__in=SUBMITTED_STATES)
        .filter(~Exists(later))
        .annotate(**answers)
        .values(*answers)
        .annotate(applicants=Count("pk"), cohort=Count("pk", filter=Q(application__status=Status.CONFIRMED)))
        .order_by()
    )
    tallies = {dim: defaultdict(lambda: [0, 0]) for dim in keys}
    for row in rows:
        for dim in keys:
            tally = tallies[dim][row[f"a_{dim}"] or str(UNANSWERED)]
            tally[0] += row["applicants"]
            tally[1] += row["cohort"]
    result = {}
    for dim, key in keys.items():
        choices = next(q.choices for q in questions if q.key == key) or []
        order = {choice: i for i, choice in enumerate(choices)}
        result[dim] = sorted(
            (Split(label, a, c) for label, (a, c) in tallies[dim].items()),
            key=lambda s: (order.get(s.label, len(order)), s.label),
        )
    return result


@dataclass
class ReviewerProgress:
    name: str
    assigned: int
    submitted: int

    @property
    def left(self):
        return self.assigned - self.submitted


def review_progress(edition):
    """Per reviewer: assignments (not removed by an organiser) and reviews submitted (one query)."""
    rows = (
        ReviewAssignment.objects.filter(edition=edition, removed=False)
        .values("reviewer__full_name", "reviewer__email")
        .annotate(assigned=Count("pk"), submitted=Count("pk", filter=Q(review__submitted_at__isnull=False)))
        .order_by("reviewer__full_name", "reviewer__email")
    )
    return [
        ReviewerProgress(row["reviewer__full_name"] or row["reviewer__email"], row["assigned"], row["submitted"])
        for row in rows
    ]


@dataclass
class Rate:
    label: str
    done: int
    of: int
    when: object = None

    @property
    def percent(self):
        return round(100 * self.done / self.of) if self.of else 0


def cohort_size(edition):
    return Application.objects.filter(edition=edition, status=Status.CONFIRMED).count()


def attendance_rates(edition, cohort):
    """Per session (breaks and networking aside): participants present out of the cohort (one query)."""
    counted = Q(attendance__present=True, attendance__application__status=Status.CONFIRMED)
    sessions = (
        Session.objects.filter(edition=edition)
        .exclude(kind__in=[Kind.BREAK, Kind.NETWORKING])
        .annotate(present=Count("attendance", filter=counted))
        .order_by("starts_at", "pk")
    )
    return [Rate(s.title, s.present, cohort, s.starts_at) for s in sessions]


def homework_rates(edition, cohort):
    """Per assignment: participants who handed in out of the cohort (one query)."""
    assignments = (
        HomeworkAssignment.objects.filter(edition=edition)
        .annotate(handed_in=Count("hand_ins", filter=Q(hand_ins__application__status=Status.CONFIRMED)))
        .order_by("due_date", "pk")
    )
    return [Rate(a.title, a.handed_in, cohort, a.due_date) for a in assignments]


@dataclass
class SurveySummary:
    survey: Survey
    answered: int
    of: int
    ratings: list  # [(question label, average or None, number of ratings)]

    @property
    def percent(self):
        return round(100 * self.answered / self.of) if self.of else 0


def survey_summaries(edition, cohort):
    """Per survey: who answered out of the cohort, and the average of each rating question (three queries)."""
    surveys = list(Survey.objects.filter(edition=edition).order_by("created_at", "pk"))
    answered = respondent_counts(surveys)
    ratings = defaultdict(list)
    for question in SurveyQuestion.objects.filter(survey__edition=edition, kind=QuestionKind.RATING).order_by(
        "position", "pk"
    ):
        ratings[question.survey_id].append(question)
    scores = defaultdict(Counter)  # (survey, question key) → rating → count
    rated = {q.key for qs in ratings.values() for q in qs}
    for survey_id, answers in SurveyResponse.objects.filter(survey__edition=edition).values_list(
        "survey_id", "answers"
    ):
        for key, value in answers.items():
            if key in rated and isinstance(value, int):
                scores[survey_id, key][value] += 1
    summaries = []
    for survey in surveys:
        rows = []
        for question in ratings[survey.pk]:
            tally = scores[survey.pk, question.key]
            n = sum(tally.values())
            average = round(sum(v * c for v, c in tally.items()) / n, 1) if n else None
            rows.append((question.label, average, n))
        summaries.append(SurveySummary(survey, answered.get(survey.pk, 0), cohort, rows))
    return summaries

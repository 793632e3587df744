"""Read-only views of the review data, each in a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass

from academy.applications.models import Question, QuestionType, SubmittedVersion

from .board import board_rows, ranked, rounded
from .conflicts import checker, core_application, scope_filter
from .models import Assignment, Criterion, Review

# Questions that would name the applicant, hidden from reviewers in blind review, by key. The standard
# form asks none of them (the organisation comes from the registry, not from a question), but an
# organiser's form may.
BLIND_HIDDEN = frozenset(
    {"name", "full_name", "first_name", "last_name", "email", "phone", "organisation", "organisation_name",
     "cluster", "cluster_name", "website", "linkedin", "cv"}
)  # fmt: skip
# Eligibility conditions, checked before review: not shown to reviewers.
NOT_REVIEWED = {QuestionType.COMMITMENT, QuestionType.CONSENT}


def criteria(edition):
    return list(Criterion.objects.filter(edition=edition))


# --- the reviewer's side --------------------------------------------------------------------------------


@dataclass
class QueueItem:
    assignment: Assignment
    review: Review | None
    conflict: bool

    @property
    def submitted(self):
        return self.review is not None and self.review.submitted_at is not None

    @property
    def started(self):
        return self.review is not None and bool(self.review.scores)


def queue(edition, user):
    """The reviewer's assignments (in scope, not removed), with their review and whether a conflict now bars
    them; in application order. Four queries."""
    rows = (
        Assignment.objects.filter(scope_filter(), edition=edition, reviewer=user, removed=False)
        .select_related("application__organisation", "application__applicant", "review")
        .order_by("application_id")
    )
    check = checker(edition, user)
    items = []
    for a in rows:
        conflict = bool(check.reason(user.pk, core_application(a.application)))
        items.append(QueueItem(a, getattr(a, "review", None), conflict))
    return items


@dataclass(frozen=True)
class Progress:
    submitted: int
    total: int

    @property
    def left(self):
        return self.total - self.submitted


def progress(items):
    open_items = [i for i in items if not i.conflict]
    return Progress(submitted=sum(i.submitted for i in open_items), total=len(open_items))


def next_unscored(items, after=None):
    """The first item not yet submitted and not barred, after the application ``after`` (wrapping round)."""
    todo = [i for i in items if not i.submitted and not i.conflict]
    later = [i for i in todo if after is None or i.assignment.application_id > after]
    return (later or todo or [None])[0]


def answers(edition, application, *, blind):
    """``[(question, value)]`` of the latest submitted version (the working answers if none): what the
    reviewer reads. Blind review leaves out the questions of ``BLIND_HIDDEN``."""
    version = SubmittedVersion.objects.filter(application=application).order_by("-number").first()
    values = version.answers if version is not None else application.answers
    questions = Question.objects.filter(edition=edition).exclude(type__in=NOT_REVIEWED)
    return [(q, values.get(q.key)) for q in questions if not (blind and q.key in BLIND_HIDDEN)]


def other_reviews(assignment):
    """The other reviewers' submitted reviews of the same application, labelled Reviewer A, B, …"""
    reviews = (
        Review.objects.filter(
            assignment__application_id=assignment.application_id,
            assignment__removed=False,
            submitted_at__isnull=False,
        )
        .exclude(assignment=assignment)
        .order_by("assignment_id")
    )
    return [(chr(ord("A") + n), r) for n, r in enumerate(reviews)]


# --- the API -------------------------------------------------------------------------------------------


def review_rows(edition):
    """For the API (GET /api/v1/editions/<slug>/reviews/, organisers only): one JSON-ready dict per
    application in review, best first, with its submitted reviews. Six queries."""
    ranking = ranked(edition)
    z = ranking.normalisation.z
    reviews = {}
    for reviewer, email, app, total, rec, at in Review.objects.filter(
        scope_filter("assignment__application__"),
        assignment__edition=edition,
        assignment__removed=False,
        submitted_at__isnull=False,
    ).values_list(
        "assignment__reviewer_id", "assignment__reviewer__email", "assignment__application_id", "total",
        "recommendation", "submitted_at",
    ):  # fmt: skip
        reviews.setdefault(app, []).append(
            {
                "reviewer_id": reviewer,
                "reviewer_email": email,
                "total": round(total, 2),
                "z": round(z.get((reviewer, app), 0.0), 4),
                "recommendation": rec,
                "submitted_at": at.isoformat(),
            }
        )
    out = []
    for row in board_rows(edition, ranking):
        s = row["stats"]
        out.append(
            {
                "rank": row["rank"],
                "application_id": row["id"],
                "applicant": {"name": row["name"], "email": row["email"]},
                "organisation": row["organisation"],
                "country": row["country"],
                "assigned": row["assigned"],
                "reviews": s.reviews if s else 0,
                "mean_total": rounded(s.mean if s else None, 2),
                "normalised": rounded(s.normalised if s else None, 4),
                "spread_points": rounded(s.spread if s else None, 2),
                "spread_z": rounded(s.z_spread if s else None, 4),
                "flagged": bool(s and s.flagged),
                "flag_reasons": list(s.reasons) if s else [],
                "recommendations": row["recommendations"],
                "scores": sorted(reviews.get(row["id"], []), key=lambda r: r["reviewer_id"]),
            }
        )
    return out

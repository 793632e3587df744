"""Read-only views of the review data, each in a fixed number of queries whatever the number of rows."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from academy.accounts.models import Role, User
from academy.applications.models import Question, QuestionType, SubmittedVersion
from academy.applications.queries import SUBMITTED_STATES

from .conflicts import checker, core_application, in_scope, setup_for
from .models import Assignment, Criterion, Recommendation, Review
from .scoring import normalise

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


def scope_filter(prefix="application__"):
    return Q(**{f"{prefix}status__in": SUBMITTED_STATES, f"{prefix}is_eligible": True})


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


# --- the organisers' side --------------------------------------------------------------------------------


def reviewer_progress(edition):
    """Every reviewer of the edition with their assigned, begun and submitted reviews; one query."""
    active = Q(review_assignments__edition=edition, review_assignments__removed=False) & scope_filter(
        "review_assignments__application__"
    )
    return list(
        User.objects.filter(edition_roles__edition=edition, edition_roles__role=Role.REVIEWER)
        .annotate(
            assigned=Count("review_assignments", filter=active),
            begun=Count("review_assignments", filter=active & Q(review_assignments__review__isnull=False)),
            submitted=Count(
                "review_assignments", filter=active & Q(review_assignments__review__submitted_at__isnull=False)
            ),
            last_activity=Max("review_assignments__review__updated_at", filter=active),
        )
        .order_by("full_name", "email")
    )


def submitted_totals(edition):
    """``[(reviewer id, application id, total)]`` of every submitted review that counts."""
    return list(
        Review.objects.filter(
            scope_filter("assignment__application__"),
            assignment__edition=edition,
            assignment__removed=False,
            submitted_at__isnull=False,
        ).values_list("assignment__reviewer_id", "assignment__application_id", "total")
    )


def aggregate(edition, totals=None):
    """``scoring.Normalisation`` of the edition's submitted reviews, with its disagreement thresholds."""
    setup = setup_for(edition)
    return normalise(
        totals if totals is not None else submitted_totals(edition),
        points=setup.disagreement_points,
        normalised=setup.disagreement_z,
    )


@dataclass
class Ranked:
    normalisation: object
    order: list  # application ids, best first; those without a submitted review last

    def __len__(self):
        return len(self.order)


def ranked(edition):
    totals = submitted_totals(edition)
    stats = aggregate(edition, totals)
    scored = stats.ranking()
    rest = sorted(set(in_scope(edition).values_list("pk", flat=True)) - set(scored))
    return Ranked(stats, scored + rest)


def board_rows(edition, ranking, ids=None):
    """Rows of the ranked table for the application ids ``ids`` (a page of ``ranking.order``; all if None):
    two queries."""
    applications = in_scope(edition).select_related("applicant", "organisation")
    recommended = Review.objects.filter(assignment__removed=False, submitted_at__isnull=False)
    if ids is None:
        ids = ranking.order
        recommended = recommended.filter(assignment__edition=edition)
    else:
        applications = applications.filter(pk__in=ids)
        recommended = recommended.filter(assignment__application_id__in=ids)
    applications = applications.annotate(
        assigned=Count("review_assignments", filter=Q(review_assignments__removed=False))
    )
    by_id = {a.pk: a for a in applications}
    recommendations = {}
    for app, rec in recommended.values_list("assignment__application_id", "recommendation"):
        recommendations.setdefault(app, []).append(rec)
    rank = {app: n for n, app in enumerate(ranking.order, 1)}
    stats = ranking.normalisation.applications
    return [
        {
            "rank": rank[pk],
            "application": by_id[pk],
            "stats": stats.get(pk),
            "recommendations": _count_recommendations(recommendations.get(pk, [])),
        }
        for pk in ids
        if pk in by_id
    ]


def _count_recommendations(values):
    return {choice: values.count(choice) for choice in Recommendation.values}


EXPORT_HEADER = [
    "rank", "application", "applicant", "email", "organisation", "country", "assigned", "reviews",
    "mean_total", "normalised", "spread_points", "spread_z", "flagged", "flag_reasons",
    "select", "maybe", "do_not_select",
]  # fmt: skip


def export_rows(edition, ranking=None):
    """The whole ranked table as plain values (for CSV and XLSX)."""
    ranking = ranking or ranked(edition)
    for row in board_rows(edition, ranking):
        app, s, rec = row["application"], row["stats"], row["recommendations"]
        org = app.organisation
        yield [
            row["rank"], app.pk, app.applicant.get_full_name(), app.applicant.email,
            org.name if org else "", org.country.code if org else "",
            app.assigned, s.reviews if s else 0,
            _round(s.mean if s else None), _round(s.normalised if s else None, 3),
            _round(s.spread if s else None), _round(s.z_spread if s else None, 3),
            bool(s and s.flagged), " ".join(s.reasons) if s else "",
            rec["select"], rec["maybe"], rec["reject"],
        ]  # fmt: skip


def _round(value, digits=1):
    return None if value is None else round(value, digits)


def review_rows(edition):
    """For the API (GET /api/v1/editions/<slug>/reviews/, organisers only): one JSON-ready dict per
    application in review, best first, with its reviews. Four queries."""
    ranking = ranked(edition)
    stats = ranking.normalisation
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
                "z": round(stats.z.get((reviewer, app), 0.0), 4),
                "recommendation": rec,
                "submitted_at": at.isoformat(),
            }
        )
    out = []
    for row in board_rows(edition, ranking):
        app, s = row["application"], row["stats"]
        out.append(
            {
                "rank": row["rank"],
                "application_id": app.pk,
                "applicant": {"name": app.applicant.get_full_name(), "email": app.applicant.email},
                "organisation": app.organisation.name if app.organisation else None,
                "country": app.organisation.country.code if app.organisation else None,
                "assigned": app.assigned,
                "reviews": s.reviews if s else 0,
                "mean_total": _round(s.mean if s else None, 2),
                "normalised": _round(s.normalised if s else None, 4),
                "spread_points": _round(s.spread if s else None, 2),
                "spread_z": _round(s.z_spread if s else None, 4),
                "flagged": bool(s and s.flagged),
                "flag_reasons": list(s.reasons) if s else [],
                "recommendations": row["recommendations"],
                "scores": sorted(reviews.get(app.pk, []), key=lambda r: r["reviewer_id"]),
            }
        )
    return out

"""What the organisers' review board reads: progress per reviewer, the normalised scores, the ranked table,
its export. Every function takes a fixed number of queries, and the table rows are plain values (no model
instances), so a page of 50 and an export of 5,000 cost little more than the scores themselves.

The normalisation and the counts per reviewer are computed once per state of the edition's reviews: they are
kept in this process under the edition's scores version (``versioning.py``), which database triggers bump in the
same transaction as every write that could change them, together with the disagreement thresholds they used.
A version once seen is never reused for other data (its stamp is drawn afresh, rolled-back writes included),
so a page can never show scores older than the reviews it reads."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max

from academy.accounts.models import Role, User

from . import versioning
from .conflicts import in_scope, scope_filter, setup_for
from .models import Assignment, Recommendation, Review, ReviewSetup
from .scoring import normalise

KEEP = 16  # versions kept in this process (a few editions, a few thresholds)
_kept = {}


def _per_version(edition, part, compute):
    """``compute()`` once per (edition, scores version, thresholds) and ``part``; the version is read before the
    data ``compute`` reads, so what is kept under a version is never older than it."""
    key = (*_state(edition), part)
    value = _kept.get(key)
    if value is None:
        value = _kept[key] = compute()
        while len(_kept) > KEEP:
            del _kept[next(iter(_kept))]
    return value


def _state(edition):
    """What the kept values depend on: the edition, its scores version (read first) and the disagreement thresholds
    of its saved review settings (None: the defaults, none saved). Two plain queries: one query with a subquery
    per value took Django three times as long to build as these two take to build and run."""
    version = versioning.current(edition)
    setup = ReviewSetup.objects.filter(edition=edition).values_list("disagreement_points", "disagreement_z")
    return edition.pk, *version, *next(iter(setup[:1]), (None, None))


def forget():
    """Drop what this process keeps (tests that compare a fresh computation)."""
    _kept.clear()


def _progress_counts(edition):
    return {
        row["reviewer_id"]: row
        for row in Assignment.objects.filter(scope_filter(), edition=edition, removed=False)
        .values("reviewer_id")
        .annotate(
            assigned=Count("pk"),
            begun=Count("review"),
            submitted=Count("review__submitted_at"),
            last_activity=Max("review__updated_at"),
        )
    }


def reviewer_progress(edition):
    """Every reviewer of the edition, with ``assigned``, ``begun``, ``submitted`` and ``last_activity`` set on
    each; two queries (the counts kept per scores version)."""
    counts = _per_version(edition, "progress", lambda: _progress_counts(edition))
    people = list(
        User.objects.filter(edition_roles__edition=edition, edition_roles__role=Role.REVIEWER).order_by(
            "full_name", "email"
        )
    )
    for person in people:
        row = counts.get(person.pk, {})
        person.assigned, person.begun = row.get("assigned", 0), row.get("begun", 0)
        person.submitted, person.last_activity = row.get("submitted", 0), row.get("last_activity")
    return people


def _counted(edition):
    """The edition's submitted reviews that count: of an assignment still in place, of an application in scope."""
    return Review.objects.filter(
        scope_filter("assignment__application__"),
        assignment__edition=edition,
        assignment__removed=False,
        submitted_at__isnull=False,
    )


def has_submitted_reviews(edition):
    """Whether any application in scope has a submitted review that counts: one query."""
    return _counted(edition).exists()


def submitted_totals(edition, reviewers=None):
    """``[(reviewer id, application id, total)]`` of the submitted reviews that count (of some reviewers)."""
    rows = _counted(edition)
    if reviewers is not None:
        rows = rows.filter(assignment__reviewer_id__in=reviewers)
    return list(rows.values_list("assignment__reviewer_id", "assignment__application_id", "total"))


def aggregate(edition, totals=None):
    """``scoring.Normalisation`` of the edition's submitted reviews, with the edition's disagreement thresholds."""
    setup = setup_for(edition)
    return normalise(
        totals if totals is not None else submitted_totals(edition),
        points=setup.disagreement_points,
        normalised=setup.disagreement_z,
    )


def application_score(edition, application):
    """One application's ``scoring.ApplicationScore`` (or None): a z-score depends only on its reviewer's own
    reviews, so the reviews of this application's reviewers are enough."""
    reviewers = Assignment.objects.filter(application=application, removed=False).values("reviewer_id")
    return aggregate(edition, submitted_totals(edition, reviewers)).applications.get(application.pk)


@dataclass
class Ranked:
    normalisation: object
    order: list  # application ids, best first; those without a submitted review last

    def __len__(self):
        return len(self.order)

    def flagged(self):
        """The flagged application ids, in ranking order."""
        flagged = set(self.normalisation.flagged())
        return [pk for pk in self.order if pk in flagged]


def ranked(edition):
    """The edition's ``Ranked``: the normalisation and its ranking kept per scores version; the applications in
    review without a submitted review (the tail, by id) read afresh, since entering review without an
    assignment leaves the version alone."""
    stats, scored = _per_version(edition, "ranking", lambda: _ranking(edition))
    rest = sorted(set(in_scope(edition).values_list("pk", flat=True)) - set(scored))
    return Ranked(stats, scored + rest)


def _ranking(edition):
    stats = aggregate(edition)
    return stats, stats.ranking()


def board_rows(edition, ranking, ids=None):
    """Rows of the ranked table (dicts) for the application ids ``ids`` (a page of ``ranking.order``; all if
    None), in that order: three queries."""
    applications = in_scope(edition)
    assignments = Assignment.objects.filter(edition=edition, removed=False)
    reviews = Review.objects.filter(assignment__edition=edition, assignment__removed=False, submitted_at__isnull=False)
    if ids is not None:
        applications = applications.filter(pk__in=ids)
        assignments = assignments.filter(application_id__in=ids)
        reviews = reviews.filter(assignment__application_id__in=ids)
    else:
        ids = ranking.order
    people = {
        pk: {"id": pk, "name": name or email, "email": email, "organisation": org or "", "country": country or ""}
        for pk, name, email, org, country in applications.values_list(
            "pk", "applicant__full_name", "applicant__email", "organisation__name", "organisation__country"
        )
    }
    assigned = Counter(assignments.values_list("application_id", flat=True))
    recommended = {}
    for app, rec in reviews.values_list("assignment__application_id", "recommendation"):
        recommended.setdefault(app, Counter())[rec] += 1
    rank = {pk: n for n, pk in enumerate(ranking.order, 1)}
    stats = ranking.normalisation.applications
    empty = Counter()
    return [
        people[pk]
        | {
            "rank": rank[pk],
            "stats": stats.get(pk),
            "assigned": assigned[pk],
            "recommendations": {c: recommended.get(pk, empty)[c] for c in Recommendation.values},
        }
        for pk in ids
        if pk in people
    ]


EXPORT_HEADER = [
    "rank", "application", "applicant", "email", "organisation", "country", "assigned", "reviews",
    "mean_total", "normalised", "spread_points", "spread_z", "flagged", "flag_reasons",
    "select", "maybe", "do_not_select",
]  # fmt: skip


def export_rows(edition, ranking=None):
    """The whole ranked table as plain values (for CSV and XLSX)."""
    ranking = ranking or ranked(edition)
    for row in board_rows(edition, ranking):
        s, rec = row["stats"], row["recommendations"]
        yield [
            row["rank"], row["id"], row["name"], row["email"], row["organisation"], row["country"],
            row["assigned"], s.reviews if s else 0,
            rounded(s.mean if s else None), rounded(s.normalised if s else None, 3),
            rounded(s.spread if s else None), rounded(s.z_spread if s else None, 3),
            bool(s and s.flagged), " ".join(s.reasons) if s else "",
            rec["select"], rec["maybe"], rec["reject"],
        ]  # fmt: skip


def rounded(value, digits=1):
    return None if value is None else round(value, digits)


def list_scores(edition, ids):
    """For the organisers' list of applications (``applications.scores``): ``{id: (normalised, reviews)}`` of
    those of ``ids`` with a submitted review, from the normalisation kept per scores version; None while the
    edition has no submitted review."""
    stats, _ = _per_version(edition, "ranking", lambda: _ranking(edition))
    if not stats.applications:
        return None
    return {pk: (s.normalised, s.reviews) for pk in ids if (s := stats.applications.get(pk)) is not None}

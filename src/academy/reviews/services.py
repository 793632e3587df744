"""Every write of the review domain but assignment (assigning.py) and the pool (pool.py): settings,
the rubric, and scoring. Each function checks its rule, writes in one transaction and leaves an audit entry.

Scoring is open only while the edition is in its review phase (after the application deadline, until the
end of the day on which review closes, in the edition's time zone)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.core.errors import Refused
from academy.editions.models import Phase

from . import notify
from .board import reviewer_progress
from .conflicts import conflict_reason
from .models import Assignment, Criterion, Recommendation, Review
from .scoring import weighted_total

# The demo rubric and the organisers' starting point, from the 2022 call's objectives.
DEFAULT_RUBRIC = [
    (
        "Motivation and commitment",
        "Does the applicant say clearly what they want to learn and how their cluster will use it? Are they ready "
        "for all 4 days and the homework?",
        3,
    ),
    (
        "Relevance of the cluster's challenges",
        "Are the cluster's challenges the ones the academy addresses: services to SMEs, strategy, the green and "
        "digital transitions, European value chains?",
        3,
    ),
    (
        "Capacity to pass knowledge on",
        "Train the trainers: will the applicant pass what they learn on to their team and their members?",
        2,
    ),
    (
        "Contribution to peer learning",
        "What experience can the applicant share with the other participants?",
        2,
    ),
]


class ReviewRefused(Refused):
    """A reviewer's action that the rules refuse; the message is for them."""


class RubricLocked(Refused):
    """The rubric cannot change once a score was given."""


def review_open(edition, now=None):
    return edition.phase(now) == Phase.REVIEW


def closed_message(edition, now=None):
    if edition.phase(now) in (Phase.UPCOMING, Phase.CALL_OPEN):
        return _("Reviewing opens after the application deadline.")
    return _("The review phase closed on %(day)s: scores can no longer change.") % {
        "day": edition.review_closes.strftime("%-d %B %Y")
    }


# --- settings and rubric ---------------------------------------------------------------------------


def save_setup(setup, *, by):
    setup.save()
    record("reviews.settings", actor=by, obj=setup, edition=setup.edition, blind=setup.blind)
    return setup


def rubric_locked(edition):
    """True once any reviewer has given any score in the edition."""
    return Review.objects.filter(assignment__edition=edition).exclude(scores={}).exists()


def _check_unlocked(edition):
    if rubric_locked(edition):
        raise RubricLocked(
            _(
                "Reviewers have started scoring, so the rubric can no longer change: the scores already given "
                "would mean something else."
            )
        )


@transaction.atomic
def save_criterion(criterion, *, by):
    _check_unlocked(criterion.edition)
    created = criterion.pk is None
    if created and not criterion.position:
        last = Criterion.objects.filter(edition=criterion.edition).order_by("-position").first()
        criterion.position = (last.position if last else 0) + 1
    criterion.save()
    record("reviews.criterion_saved", actor=by, obj=criterion, edition=criterion.edition, created=created)
    return criterion


@transaction.atomic
def delete_criterion(criterion, *, by):
    _check_unlocked(criterion.edition)
    criterion.delete()
    record("reviews.criterion_deleted", actor=by, edition=criterion.edition, name=criterion.name)


@transaction.atomic
def install_default_rubric(edition, *, by=None):
    """Add the criteria of ``DEFAULT_RUBRIC`` that the edition lacks (by name), scored 1–5; return how many."""
    _check_unlocked(edition)
    have = set(Criterion.objects.filter(edition=edition).values_list("name", flat=True))
    start = Criterion.objects.filter(edition=edition).count()
    rows = [
        Criterion(edition=edition, name=name, guidance=guidance, weight=weight, position=start + n)
        for n, (name, guidance, weight) in enumerate(DEFAULT_RUBRIC, 1)
        if name not in have
    ]
    Criterion.objects.bulk_create(rows)
    if rows:
        record("reviews.default_rubric", actor=by, edition=edition, added=[c.name for c in rows])
    return len(rows)


def core_criteria(criteria):
    """The rubric as ``scoring.weighted_total`` reads it, with the criterion id (as text) as its name."""
    return [(str(c.pk), float(c.weight), float(c.scale_min), float(c.scale_max)) for c in criteria]


# --- scoring ------------------------------------------------------------------------------------------


def refusal(assignment, user):
    """Why ``user`` may not score ``assignment`` now (in their words), or None."""
    if assignment.reviewer_id != user.pk or assignment.removed:
        return _("This application is not assigned to you.")
    reason = conflict_reason(assignment.edition, user, assignment.application)
    if reason:
        return _("You may not review this application: %(reason)s") % {"reason": reason}
    return None


def parse_scores(criteria, data):
    """Read ``score-<criterion id>`` fields from a form's data: ``({criterion id: int}, [errors])``. Empty fields
    are skipped; anything else must be a whole number on the criterion's scale."""
    scores, errors = {}, []
    for c in criteria:
        raw = data.get(f"score-{c.pk}", "")
        if raw in ("", None):
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            errors.append(_("The score for “%(name)s” must be a whole number.") % {"name": c.name})
            continue
        if not c.scale_min <= value <= c.scale_max:
            errors.append(
                _("The score for “%(name)s” must lie between %(low)s and %(high)s.")
                % {"name": c.name, "low": c.scale_min, "high": c.scale_max}
            )
            continue
        scores[str(c.pk)] = value
    return scores, errors


def _locked_assignment(assignment, user, now):
    if not review_open(assignment.edition, now):
        raise ReviewRefused(closed_message(assignment.edition, now))
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("application__organisation")
        .get(pk=assignment.pk)
    )
    locked.edition = assignment.edition
    message = refusal(locked, user)
    if message:
        raise ReviewRefused(message)
    return locked


@transaction.atomic
def save_scores(assignment, *, by, data, criteria, now=None):
    """Autosave: keep the valid part of what the reviewer chose so far. A score off the scale, an unknown
    recommendation or the phase being closed refuses the whole save and changes nothing."""
    now = now or timezone.now()
    scores, errors = parse_scores(criteria, data)
    recommendation = data.get("recommendation", "")
    if recommendation and recommendation not in Recommendation.values:
        errors.append(_("Choose select, maybe or do not select."))
    comment = data.get("comment")
    if comment is not None and len(comment) > Review._meta.get_field("comment").max_length:
        errors.append(_("The comment is too long: keep it under 5,000 characters."))
    if errors:
        raise ReviewRefused(" ".join(errors))
    locked = _locked_assignment(assignment, by, now)
    review, _created = Review.objects.select_for_update().get_or_create(assignment=locked)
    review.scores = {**review.scores, **scores}
    if recommendation:
        review.recommendation = recommendation
    if comment is not None:
        review.comment = comment
    if review.submitted_at is not None:  # a submitted review stays complete: its total follows the change
        review.total = weighted_total(review.scores, core_criteria(criteria))
    review.save()
    return review


@transaction.atomic
def submit_review(assignment, *, by, data, criteria, now=None):
    """Save what was sent, then check the review is complete and store its weighted total."""
    now = now or timezone.now()
    review = save_scores(assignment, by=by, data=data, criteria=criteria, now=now)
    missing = [c.name for c in criteria if str(c.pk) not in review.scores]
    problems = []
    if missing:
        problems.append(_("Give a score for: %(names)s.") % {"names": ", ".join(missing)})
    if not review.recommendation:
        problems.append(_("Choose a recommendation."))
    if problems:
        raise ReviewRefused(" ".join(problems))
    review.scores = {k: v for k, v in review.scores.items() if k in {str(c.pk) for c in criteria}}
    review.total = weighted_total(review.scores, core_criteria(criteria))
    first = review.submitted_at is None
    review.submitted_at = review.submitted_at or now
    review.save()
    record(
        "review.submitted",
        actor=by,
        obj=review,
        edition=assignment.edition,
        application=assignment.application_id,
        total=round(review.total, 2),
        first=first,
    )
    return review


# --- reminders ------------------------------------------------------------------------------------------


def remind_late(edition, *, by, reviewer_ids=None):
    """Remind every reviewer with reviews left (or only those of ``reviewer_ids``); return who was reminded."""
    late = [r for r in reviewer_progress(edition) if r.submitted < r.assigned]
    if reviewer_ids is not None:
        late = [r for r in late if r.pk in set(reviewer_ids)]
    for reviewer in late:
        notify.reminder(reviewer, edition, assigned=reviewer.assigned, submitted=reviewer.submitted)
    record("reviews.reminded", actor=by, edition=edition, reviewers=[r.pk for r in late])
    return late

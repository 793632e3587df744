"""Who reviews what: the automatic run over the pure core (assignment.py), an organiser's manual changes,
and the one-click third review.

A re-run keeps what people decided or did and redoes the rest:

* kept: pairs an organiser added (manual, third review) and pairs whose review has begun;
* never again: pairs an organiser removed (``removed`` rows stay as a memory);
* redone: automatic pairs not yet begun. The new run prefers them (preference cost 0, others 1), so a
  reviewer's queue changes only where loads, new applications, new reviewers or new conflicts ask for it;
* withdrawn: a kept pair that now has a conflict (declared after it was made) is marked removed, so its
  review no longer counts.

The slow part (the solve) runs outside the write transaction; the writes happen in one transaction."""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from academy.accounts.models import EditionRole, Role
from academy.accounts.services import record
from academy.core.errors import Refused
from academy.editions.models import Phase

from . import assignment as core
from .assignment import AssignmentInfeasible
from .conflicts import REASONS, checker, core_application, in_scope, pool, scope_applications, setup_for
from .models import Assignment, Source


class AssignmentRefused(Refused):
    """An organiser's manual change that the rules refuse; the message is for them."""


@dataclass(frozen=True)
class RunSummary:
    applications: int
    reviewers: int
    per_application: int
    added: int
    dropped: int
    kept: int
    withdrawn: int
    min_load: int
    max_load: int
    seconds: float

    def message(self):
        return _(
            "%(n)s reviewers for each of %(apps)s applications: %(added)s new assignments, %(kept)s kept, "
            "%(dropped)s replaced, %(withdrawn)s withdrawn for a conflict. Each of the %(revs)s reviewers has "
            "%(low)s to %(high)s applications."
        ) % {
            "n": self.per_application,
            "apps": self.applications,
            "added": self.added,
            "kept": self.kept,
            "dropped": self.dropped,
            "withdrawn": self.withdrawn,
            "revs": self.reviewers,
            "low": self.min_load,
            "high": self.max_load,
        }


def run_assignment(edition, *, by=None, per_application=None, max_load=None, seed=0):
    """Assign reviewers to every application in scope; return a ``RunSummary`` or raise
    ``AssignmentInfeasible`` (its ``message`` says which constraint fails)."""
    if edition.phase() in (Phase.UPCOMING, Phase.CALL_OPEN):
        raise AssignmentInfeasible(
            _("The call is still open: assign reviewers after the application deadline, when every application is in."),
            {"constraint": "phase"},
        )
    setup = setup_for(edition)
    per_application = per_application or setup.reviewers_per_application
    max_load = max_load or setup.max_load
    applications = scope_applications(edition)
    reviewers = pool(edition)
    if applications and not reviewers:
        raise AssignmentInfeasible(
            _("There are no reviewers yet: invite reviewers, then assign."), {"constraint": "no_reviewers"}
        )
    check = checker(edition)
    app_by_id = {a.id: a for a in applications}
    plan = _plan(edition, app_by_id, {r.id for r in reviewers}, check)
    options = core.AssignmentOptions(
        max_load=max_load,
        per_application=per_application,
        avoid_same_country=setup.avoid_same_country,
        seed=seed,
    )
    preference = {pair: 0.0 for pair in plan["redo"]} or None
    result = core.assign(
        applications,
        reviewers,
        options,
        conflicts=check.conflicts,
        keep=plan["keep"],
        exclude=plan["exclude"],
        preference=preference,
        preference_default=1.0 if preference else 0.0,
    )
    new = result.added - set(plan["redo"])
    dropped = [pk for pair, pk in plan["redo"].items() if pair not in result.pairs]
    with transaction.atomic():
        Assignment.objects.filter(pk__in=plan["withdraw"]).update(removed=True)
        Assignment.objects.filter(pk__in=dropped, review__isnull=True).delete()
        Assignment.objects.bulk_create(
            [Assignment(edition=edition, reviewer_id=r, application_id=a, source=Source.AUTO) for r, a in sorted(new)],
            batch_size=1000,
        )
        summary = RunSummary(
            applications=len(applications),
            reviewers=len(reviewers),
            per_application=per_application,
            added=len(new),
            dropped=len(dropped),
            kept=len(plan["keep"]),
            withdrawn=len(plan["withdraw"]),
            min_load=result.objective.min_load,
            max_load=result.objective.max_load,
            seconds=round(sum(v for k, v in result.seconds.items() if k != "solve_cpu"), 3),
        )
        record("reviews.assigned", actor=by, edition=edition, **summary.__dict__)
    return summary


def _plan(edition, app_by_id, reviewer_ids, check):
    """Sort the edition's assignment rows into kept pairs, excluded pairs, automatic pairs to redo and
    rows to withdraw for a conflict."""
    keep, exclude, redo, withdraw = set(), set(), {}, []
    rows = Assignment.objects.filter(edition=edition).values_list(
        "pk", "reviewer_id", "application_id", "source", "removed", "review__id"
    )
    for pk, reviewer, application, source, removed, review in rows:
        if application not in app_by_id or reviewer not in reviewer_ids:
            continue  # out of scope (withdrawn, ineligible) or no longer a reviewer: left as it is
        pair = (reviewer, application)
        if removed:
            exclude.add(pair)
        elif check.reason(reviewer, app_by_id[application]):
            exclude.add(pair)
            if source == Source.AUTO and review is None:
                redo[pair] = pk  # will be dropped: the conflict keeps the solver away from it
            else:
                withdraw.append(pk)
        elif source == Source.AUTO and review is None:
            redo[pair] = pk
        else:
            keep.add(pair)
    return {"keep": keep, "exclude": exclude, "redo": redo, "withdraw": withdraw}


def loads(edition):
    """Active assignments per reviewer id."""
    rows = (
        Assignment.objects.filter(edition=edition, removed=False)
        .values("reviewer_id")
        .annotate(n=Count("pk"))
        .values_list("reviewer_id", "n")
    )
    return Counter(dict(rows))


def _scoped(application, edition):
    if application.edition_id != edition.pk or not in_scope(edition).filter(pk=application.pk).exists():
        raise AssignmentRefused(_("This application is not in review: it is withdrawn, ineligible or a draft."))


@transaction.atomic
def add_reviewer(application, user, *, by):
    """An organiser puts ``user`` on ``application``; refused with the reason if they have a conflict."""
    edition = application.edition
    _scoped(application, edition)
    if not EditionRole.objects.filter(edition=edition, user=user, role=Role.REVIEWER).exists():
        raise AssignmentRefused(_("%(who)s is not a reviewer of this edition.") % {"who": user})
    code = checker(edition, user).reason(user.pk, core_application(application))
    if code:
        raise AssignmentRefused(
            _("%(who)s cannot review this application. %(why)s") % {"who": user, "why": REASONS[code]}
        )
    row, created = Assignment.objects.select_for_update().get_or_create(
        reviewer=user, application=application, defaults={"edition": edition, "source": Source.MANUAL}
    )
    if not created and not row.removed:
        raise AssignmentRefused(_("%(who)s already reviews this application.") % {"who": user})
    row.removed, row.source = False, Source.MANUAL
    row.save(update_fields=["removed", "source"])
    record("reviews.assignment_added", actor=by, obj=row, edition=edition, reviewer=user.pk, application=application.pk)
    return row


@transaction.atomic
def remove_assignment(assignment, *, by):
    """An organiser takes a reviewer off an application; the automatic run never puts them back."""
    Assignment.objects.filter(pk=assignment.pk).update(removed=True)
    assignment.removed = True
    record(
        "reviews.assignment_removed",
        actor=by,
        obj=assignment,
        edition=assignment.edition,
        reviewer=assignment.reviewer_id,
        application=assignment.application_id,
    )
    return assignment


@transaction.atomic
def assign_third_reviewer(application, *, by):
    """One more reviewer for an application whose reviewers disagree: the least-loaded one who may take it."""
    edition = application.edition
    _scoped(application, edition)
    setup = setup_for(edition)
    rows = Assignment.objects.filter(application=application).values_list("reviewer_id", "removed")
    assigned = [r for r, removed in rows if not removed]
    excluded = [r for r, removed in rows if removed]
    check = checker(edition)
    chosen = core.propose_third_reviewer(
        core_application(application),
        list(check.reviewers.values()),
        loads(edition),
        assigned=assigned,
        excluded=excluded,
        conflicts=check.conflicts,
        max_load=setup.max_load,
        avoid_same_country=setup.avoid_same_country,
    )
    if chosen is None:
        raise AssignmentRefused(
            _(
                "No reviewer can take another review of this application: every other reviewer has a conflict with "
                "it or has reached the limit of %(limit)s. Raise the limit or invite a reviewer."
            )
            % {"limit": setup.max_load}
        )
    row = Assignment.objects.create(edition=edition, reviewer_id=chosen, application=application, source=Source.THIRD)
    record("reviews.third_review", actor=by, obj=row, edition=edition, reviewer=chosen, application=application.pk)
    return row

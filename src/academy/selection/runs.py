"""Selection runs: start one (its rules, seed and mode are fixed at once), solve it in the background
with its progress on the row, and read it back as the audit export {instance, result}.

A run starts only when there is someone to choose: at least one eligible, submitted application with a
submitted review (`RunError` with what to do otherwise). It goes queued → running → done (or failed,
with the reason in words: `academy.failures`; the technical text is in the log). "Done" says the solver
finished, not that a cohort exists: `status` says "optimal", "time_limit" or "infeasible", and an
infeasible run carries the smallest relaxation in `result["relaxation"]`.
"""

import random

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.accounts.services import record
from academy.editions.models import Edition
from academy.failures import SolverStopped, in_words
from academy.reviews.board import has_submitted_reviews

from . import candidates as pool_of
from .explain import explain
from .instance import Instance, InstanceError, Result
from .models import SelectionRun
from .solver import solve

SEED_RANGE = 1_000_000
STEPS = {
    "queued": (0, "Waiting for a worker"),
    "building": (10, "Building the instance from the applications and reviews"),
    "solving": (30, "Solving (proving the best cohort)"),
    "explaining": (70, "Explaining every decision"),
    "done": (100, "Done"),
}


class RunError(Exception):
    """A run that cannot be started or adopted; the message is for the organiser."""


NO_CANDIDATES = gettext_lazy(
    "No application can be chosen yet: a run chooses among eligible, submitted applications with at least "
    "one submitted review, and there are none. Score applications first (the review board shows which ones "
    "still wait for their reviewers), then start the run."
)


def check_candidates(edition):
    """RunError (saying what to do) when the edition has no reviewed candidate to choose from."""
    if not has_submitted_reviews(edition):
        raise RunError(str(NO_CANDIDATES))


def _known_failures(error):
    """A run's own failures in words (the general ones are in academy.failures)."""
    if isinstance(error, SolverStopped) and error.status == "Empty":
        return str(NO_CANDIDATES)  # the reviews went away between the start and the solving
    return None


def new_seed():
    """A random seed (shown with the run, so anyone can reproduce it)."""
    return random.SystemRandom().randrange(1, SEED_RANGE)


def start_run(edition, *, by, seed=None, lexicographic=None, rules=None, enqueue=True):
    """Create a queued run with the edition's current rules (or `rules`) and enqueue its solving.

    The rules are validated first (RunError listing the problems); the seed defaults to a random one."""
    settings = pool_of.rules_of(edition)
    rules = list(settings.rules if rules is None else rules)
    lexicographic = settings.lexicographic if lexicographic is None else lexicographic
    check_rules(edition, rules)
    check_candidates(edition)
    with transaction.atomic():
        # Lock the edition's row while numbering, so two clicks never share a number.
        list(Edition.objects.select_for_update().filter(pk=edition.pk).values_list("pk", flat=True))
        number = (SelectionRun.objects.filter(edition=edition).aggregate(n=Max("number"))["n"] or 0) + 1
        progress, text = STEPS["queued"]
        run = SelectionRun.objects.create(
            edition=edition,
            number=number,
            seed=new_seed() if seed is None else seed,
            lexicographic=lexicographic,
            rules=rules,
            progress=progress,
            progress_text=text,
            created_by=by,
        )
        record("selection.run_started", actor=by, obj=run, edition=edition, number=number, seed=run.seed)
        if enqueue:
            transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_pk):
    from .tasks import solve_run

    solve_run.enqueue(run_pk)


def check_rules(edition, rules):
    """Validate rules with the instance's own validation (no candidates needed); RunError in its words."""
    try:
        Instance.from_json(pool_of.instance_json(edition, rules, candidates=[]))
    except InstanceError as error:
        raise RunError("The rules cannot be used: " + "; ".join(error.messages)) from None


def _step(run, step, **fields):
    progress, text = STEPS[step]
    SelectionRun.objects.filter(pk=run.pk).update(progress=progress, progress_text=text, **fields)


def execute(run_pk):
    """Solve a queued run, writing its progress on the row; idempotent (a finished run is left alone).

    Returns the run; never raises for a problem of the run itself: it is marked failed with the reason."""
    with transaction.atomic():
        run = SelectionRun.objects.select_for_update().select_related("edition").get(pk=run_pk)
        if run.state not in (SelectionRun.State.QUEUED, SelectionRun.State.RUNNING):
            return run
        run.state = SelectionRun.State.RUNNING
        run.save(update_fields=["state"])
    try:
        _step(run, "building")
        data = pool_of.instance_json(run.edition, run.rules)
        instance = Instance.from_json(data)
        data = instance.to_json()
        SelectionRun.objects.filter(pk=run.pk).update(instance=data)
        _step(run, "solving")
        result = solve(instance, seed=run.seed, lexicographic=run.lexicographic)
        SelectionRun.objects.filter(pk=run.pk).update(
            result=result.to_json(), status=result.status, objective=result.objective
        )
        _step(run, "explaining")
        explanations = {str(key): value.to_json() for key, value in explain(instance, result).items()}
        _step(run, "done", explanations=explanations, state=SelectionRun.State.DONE, finished_at=timezone.now())
    except InstanceError as error:
        _fail(run, "The instance cannot be solved: " + "; ".join(error.messages))
    except Exception as error:  # noqa: BLE001 - any crash is shown on the run in words, its text in the log
        _fail(run, in_words(error, doing=_("solving selection run %(n)d") % {"n": run.number}, known=[_known_failures]))
    run.refresh_from_db()
    return run


def _fail(run, message):
    SelectionRun.objects.filter(pk=run.pk).update(
        state=SelectionRun.State.FAILED, error=message, progress_text="Failed", finished_at=timezone.now()
    )


def solve_now(edition, *, seed, lexicographic=None, rules=None):
    """The edition's current instance and its Result, solved here without storing a run."""
    settings = pool_of.rules_of(edition)
    rules = list(settings.rules if rules is None else rules)
    lexicographic = settings.lexicographic if lexicographic is None else lexicographic
    check_rules(edition, rules)
    instance = Instance.from_json(pool_of.instance_json(edition, rules))
    if not instance.candidates:
        raise RunError(str(NO_CANDIDATES))
    return instance, solve(instance, seed=seed, lexicographic=lexicographic)


def export(run):
    """The audit export of a finished run: exactly {"instance": ..., "result": ...}."""
    return {"instance": run.instance, "result": run.result}


def result_of(run):
    return Result.from_json(run.result) if run.result else None


def adopted_run(edition):
    return SelectionRun.objects.filter(edition=edition, adopted_at__isnull=False).first()

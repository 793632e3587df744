"""Selection runs: start one (its rules, seed and mode are fixed at once), have a worker solve it (the
task's body is in execution.py, with its progress on the row), and read it back as the audit export
{instance, result}.

A run starts only when there is someone to choose: at least one eligible, submitted application with a
submitted review (`RunError` with what to do otherwise). It goes queued → running → done (or failed,
with the reason in words: `academy.failures`; the technical text is in the log). "Done" says the solver
finished, not that a cohort exists: `status` says "optimal", "time_limit" or "infeasible", and an
infeasible run carries the smallest relaxation in `result["relaxation"]`.
"""

import random

from django.db import transaction
from django.db.models import Max

from academy.accounts.services import record
from academy.core.errors import Refused
from academy.editions.models import Edition
from academy.reviews.board import has_submitted_reviews

from . import candidates as pool_of
from .execution import NO_CANDIDATES, STEPS
from .instance import Instance, InstanceError, Result
from .models import SelectionRun
from .solver import solve
from .tasks import solve_run

SEED_RANGE = 1_000_000


class RunError(Refused):
    """A run that cannot be started or adopted; the message is for the organiser."""


def check_candidates(edition):
    """RunError (saying what to do) when the edition has no reviewed candidate to choose from."""
    if not has_submitted_reviews(edition):
        raise RunError(str(NO_CANDIDATES))


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
    solve_run.enqueue(run_pk)


def check_rules(edition, rules):
    """Validate rules with the instance's own validation (no candidates needed); RunError in its words."""
    try:
        Instance.from_json(pool_of.instance_json(edition, rules, candidates=[]))
    except InstanceError as error:
        raise RunError("The rules cannot be used: " + "; ".join(error.messages)) from None


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

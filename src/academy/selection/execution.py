"""Solving one queued selection run: the body of the `solve_run` task. Progress is written on the run's row
as it goes (building, solving, explaining, done), so the organiser's page can show it; a failure is written
in words (`academy.failures`), its technical text goes to the log.

Starting a run (runs.py) enqueues the task; this module never enqueues anything, so the task module can
import it without a cycle."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.failures import SolverStopped, in_words

from . import candidates as pool_of
from .explain import explain
from .instance import Instance, InstanceError
from .models import SelectionRun
from .solver import solve

STEPS = {
    "queued": (0, "Waiting for a worker"),
    "building": (10, "Building the instance from the applications and reviews"),
    "solving": (30, "Solving (proving the best cohort)"),
    "explaining": (70, "Explaining every decision"),
    "done": (100, "Done"),
}

NO_CANDIDATES = gettext_lazy(
    "No application can be chosen yet: a run chooses among eligible, submitted applications with at least "
    "one submitted review, and there are none. Score applications first (the review board shows which ones "
    "still wait for their reviewers), then start the run."
)


def _known_failures(error):
    """A run's own failures in words (the general ones are in academy.failures)."""
    if isinstance(error, SolverStopped) and error.status == "Empty":
        return str(NO_CANDIDATES)  # the reviews went away between the start and the solving
    return None


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

"""Background tasks (django.tasks): thin wrappers over execution.py."""

from django.tasks import task

from . import execution


@task()
def solve_run(run_pk):
    """Solve one selection run, writing its progress on the row; a finished run is left alone."""
    execution.execute(run_pk)
    return run_pk

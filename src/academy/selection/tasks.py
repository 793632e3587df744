"""Background tasks (django.tasks): thin wrappers over runs.py."""

from django.tasks import task

from . import runs


@task()
def solve_run(run_pk):
    """Solve one selection run, writing its progress on the row; a finished run is left alone."""
    runs.execute(run_pk)
    return run_pk

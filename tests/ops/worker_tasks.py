"""A task for the workers test: it tells which process ran it."""

import os

from django.tasks import task


@task
def which_process():
    return os.getpid()


@task
def niceness():
    return os.nice(0)

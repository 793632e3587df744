"""Settings for the worker-kill test's subprocesses: the test settings with the database-backed task
backend (DATABASE_URL, MAIL_BACKEND and MAIL_OPTIONS come from the environment) and a short timeout
after which a row left in `sending` by a dead worker is taken again."""

from academy.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAIL_SENDING_TIMEOUT = 3  # seconds; production's default is 600

"""The test suite: SQLite in memory unless DATABASE_URL names another database."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
# A data directory (uploads, mail files, static) of its own per test process. pytest-xdist's workers inherit the
# environment of the process that started them, so a worker makes its own; a subprocess that a test starts shares
# its worker's; a directory named by hand (ACADEMY_DATA_DIR without the marker) is used as it is.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_owner = os.environ.get("ACADEMY_TEST_DATA_DIR_OF")
if "ACADEMY_DATA_DIR" not in os.environ or (_owner is not None and _owner != _worker):
    os.environ["ACADEMY_DATA_DIR"] = tempfile.mkdtemp(prefix=f"academy-test-{_worker or 'main'}-")
    os.environ["ACADEMY_TEST_DATA_DIR_OF"] = _worker

from .base import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ACCOUNT_RATE_LIMITS = False
WHITENOISE_USE_FINDERS = True
# Static files are looked up by the finders when asked for, not all stat'ed and indexed up front: WhiteNoise's
# index is built again by every test client (its middleware chain is loaded per client), 0.07 s of CPU each.
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# The browser tests (serialized_rollback) restore, before each test, only the reference data that migrations
# load (the ecosystems): reloading the content types and permissions that post_migrate makes, one save() per
# row, cost a quarter of a second per test. Django makes a content type again when asked for one; permissions are
# unused (the admin is for superusers only).
TEST_NON_SERIALIZED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]

"""The demo and local development: SQLite under var/, mail to the console and to var/mail/."""

import os

os.environ.setdefault("SECRET_KEY", "demo-only-secret-key-never-use-in-production-0123456789")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True

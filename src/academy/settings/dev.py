"""The demo and local development: SQLite under var/, mail to the console and to var/mail/.

Debug pages are off, as in production, so the demo shows the site's own error pages; set DEBUG=true to
see Django's. Static files are served by WhiteNoise (from the finders and the collected files) either way."""

import os

os.environ.setdefault("SECRET_KEY", "demo-only-secret-key-never-use-in-production-0123456789")

from .base import *  # noqa: E402,F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True

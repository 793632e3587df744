import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings.production")
application = get_wsgi_application()

# Import the URLconf, and with it every view, now and not on the process's first request: a web process that
# starts while requests come in (a deploy, a restart during the deadline rush) would otherwise spend ~0.35 s of
# CPU on it inside a request, and the requests queued behind it would wait too.
get_resolver().url_patterns  # noqa: B018 -- the property does the importing

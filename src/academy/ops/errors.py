"""The error pages (400, 403, 404, 500 and a refused form's CSRF check): in the site's layout, in words,
with the ways back (home, the person's dashboards and page, sign in), never a technical text.

Django calls these through `handler400` … `handler500` in academy/urls.py and `CSRF_FAILURE_VIEW`. The 500
page renders without the request's context processors (the database may be what failed) and falls back
to a plain page if even the layout cannot be rendered."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

log = logging.getLogger(__name__)

PLAIN_500 = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Something went wrong · Booster Academy"
    "</title></head><body><main><h1>Something went wrong on our side</h1><p>The page could not be shown. Try "
    "again in a few minutes.</p><p><a href='/'>Home</a></p></main></body></html>"
)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """The reason ("CSRF cookie not set.") is in the log already (django.security.csrf), never on the page."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    try:
        html = loader.get_template("500.html").render({"request": request, "unknown_user": True})
    except Exception:  # noqa: BLE001 - whatever broke the page may break the layout too
        log.exception("The 500 page itself could not be rendered")
        html = PLAIN_500
    return HttpResponseServerError(html)

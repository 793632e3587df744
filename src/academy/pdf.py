"""PDF documents that any app may render (receipts, info pack, certificates): one path for all of them.

`render_pdf(template, context, stylesheet=Path)` renders a template and its print stylesheet through
WeasyPrint. What every render shares is made once per thread and kept: the font configuration and each
parsed stylesheet (read again only when its file changes). Resources are fetched only from `data:` URLs
and this site's static files, read from disk: never from the network or any other file, so a PDF made
from what a person typed cannot make a worker reach out, and no render pays for setting up HTTPS
(WeasyPrint's default fetcher loads the system's certificates for every document: half a receipt's time).
"""

import mimetypes
import threading
import urllib.parse
import urllib.request

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

_local = threading.local()  # WeasyPrint's font and style objects are not shared between threads


class Refused(ValueError):
    """A resource outside data: URLs and the static files: not fetched (WeasyPrint logs it and goes on)."""


def static_path(url):
    """The file on disk behind a URL of this site's static files, or None."""
    parts = urllib.parse.urlsplit(url)
    site = urllib.parse.urlsplit(settings.SITE_URL)
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc) or not parts.path.startswith(settings.STATIC_URL):
        return None
    relative = urllib.parse.unquote(parts.path.removeprefix(settings.STATIC_URL))
    if not relative or ".." in relative.split("/"):
        return None
    found = finders.find(relative)
    if found:
        return found
    collected = settings.STATIC_ROOT / relative
    return collected if collected.is_file() else None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 - WeasyPrint loads Pango: only PDF renders pay for it

    class StaticOnly(URLFetcher):
        """Answers data: URLs and static files; refuses every other address without opening it."""

        def __init__(self):  # no URL handlers to build: nothing is opened through urllib's opener
            self._fail_on_errors = False

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                request = urllib.request.Request(url)  # noqa: S310 -- only a data: URL reaches this line
                with urllib.request.DataHandler().data_open(request) as response:
                    return URLFetcherResponse(url, response.read(), dict(response.headers))
            path = static_path(url)
            if path is None:
                raise Refused(f"Not fetched (only data: URLs and static files are): {url[:200]}")
            content_type = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
            with open(path, "rb") as handle:
                return URLFetcherResponse(url, handle.read(), {"Content-Type": content_type})

    return StaticOnly


def _shared():
    """(font configuration, URL fetcher, stylesheet cache) of this thread, made on first use."""
    if not hasattr(_local, "fonts"):
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 - WeasyPrint loads Pango: only PDF renders pay for it

        _local.fonts, _local.fetcher, _local.sheets = FontConfiguration(), _fetcher_class()(), {}
    return _local.fonts, _local.fetcher, _local.sheets


def _stylesheet(path):
    from weasyprint import CSS  # noqa: PLC0415 - WeasyPrint loads Pango: only PDF renders pay for it

    fonts, fetcher, sheets = _shared()
    changed = path.stat().st_mtime_ns
    cached = sheets.get(path)
    if cached is None or cached[0] != changed:
        cached = sheets[path] = (changed, CSS(string=path.read_text(), font_config=fonts, url_fetcher=fetcher))
    return cached[1]


def fetcher():
    """This thread's URL fetcher (data: and static files only)."""
    return _shared()[1]


def render_pdf(template_name, context, *, stylesheet=None):
    """The template rendered to PDF bytes; `stylesheet` is a Path to a CSS file for print."""
    from weasyprint import HTML  # noqa: PLC0415 - loading Pango costs time that most requests don't need

    fonts, url_fetcher, _sheets = _shared()
    html = render_to_string(template_name, context)
    sheets = [_stylesheet(stylesheet)] if stylesheet else []
    document = HTML(string=html, base_url=settings.SITE_URL, url_fetcher=url_fetcher)
    return document.write_pdf(stylesheets=sheets, font_config=fonts)


def pdf_response(pdf, filename, *, inline=False):
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response

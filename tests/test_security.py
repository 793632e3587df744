"""Headers, the content security policy and rate limits hold for every page, present and future."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from tests import factories

TEMPLATES = sorted((Path(settings.BASE_DIR) / "src" / "academy").rglob("*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.I)


@pytest.mark.django_db
def test_pages_carry_a_strict_csp_and_the_other_security_headers(client, edition):
    response = client.get(f"/editions/{edition.slug}/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_templates_have_no_inline_script_style_or_event_handler(template):
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "put scripts in static files: the CSP forbids inline scripts"
    assert not INLINE_HANDLER.search(text), "use a static script instead of on…= attributes"
    assert not INLINE_STYLE.search(text), "use a class in a static stylesheet instead of style= attributes"


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_repeated_failed_logins_are_slowed_down(client):
    cache.clear()
    factories.user("ana@example.org")
    pages = [
        client.post("/accounts/login/", {"login": "ana@example.org", "password": "wrong"}).content.decode()
        for _ in range(4)
    ]
    assert all("Too many failed login attempts" not in page for page in pages[:3])
    assert "Too many failed login attempts" in pages[3]
    right = client.post("/accounts/login/", {"login": "ana@example.org", "password": factories.PASSWORD})
    assert right.status_code == 200, "even the right password waits until the limit resets"

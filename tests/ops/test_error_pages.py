"""The error pages: the right status, the site's layout, a way back, never Django's debug text, and the
demo's settings keep debug pages off unless asked."""

import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from academy.accounts.models import Role
from academy.ops import errors
from tests import factories

pytestmark = pytest.mark.django_db
DEBUG_TEXT = ("Traceback", "URLconf", "Django tried these URL patterns", "DEBUG = True", "Request Method", "Exception")


def assert_error_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert "Skip to main content" in page and 'class="brand"' in page, "the site's layout"
    assert f"<h1>{heading}</h1>" in page
    assert 'href="/"' in page and "Where to go from here" in page, "a way back"
    for text in DEBUG_TEXT:
        assert text not in page, text
    return page


def test_an_unknown_address_gives_the_sites_404_with_sign_in_that_returns_here(client):
    page = assert_error_page(client.get("/no/such/page/"), 404, "This page does not exist")
    assert 'href="/accounts/login/?next=/no/such/page/"' in page


def test_a_missing_object_gives_the_same_404(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    page = assert_error_page(client.get(f"/orga/{edition.slug}/selection/runs/999/"), 404, "This page does not exist")
    assert "No SelectionRun matches" not in page


def test_a_page_without_the_role_gives_the_403_with_the_persons_ways_back(client, edition):
    organiser_elsewhere = factories.with_role(Role.ORGANISER, factories.edition(name="Other edition 2031"))
    client.force_login(organiser_elsewhere)
    page = assert_error_page(client.get(f"/orga/{edition.slug}/selection/"), 403, "You may not open this page")
    assert "write to the organisers" in page
    assert 'href="/me/"' in page, "their own page"
    assert "Dashboard of Other edition 2031" in page, "the dashboards they may open"
    assert "/accounts/login/" not in page.split("Where to go from here")[1], "no sign-in for someone signed in"


def test_a_form_sent_without_its_csrf_token_is_refused_in_words():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    page = assert_error_page(response, 403, "This form has expired")
    assert "reload the page and send the form again" in page and "CSRF cookie" not in page


def test_a_request_for_an_unknown_host_gives_the_400_page(client):
    page = assert_error_page(client.get("/", HTTP_HOST="evil.example"), 400, "This request could not be understood")
    assert "Go back, reload the page" in page


@override_settings(ROOT_URLCONF="tests.ops.boom_urls")
def test_a_crash_gives_the_500_page_without_the_technical_text():
    client = Client(raise_request_exception=False)
    page = assert_error_page(client.get("/boom/"), 500, "Something went wrong on our side")
    assert "10.0.0.7" not in page and "RuntimeError" not in page
    assert 'href="/me/"' in page and 'href="/accounts/login/?next=/boom/"' in page


@override_settings(ROOT_URLCONF="tests.ops.boom_urls")
def test_when_even_the_layout_fails_the_500_page_is_plain_words(monkeypatch):
    def broken(name):
        raise RuntimeError("template engine down")

    monkeypatch.setattr(errors.loader, "get_template", broken)
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500 and "Something went wrong on our side" in response.content.decode()
    assert "template engine down" not in response.content.decode()


DEMO_CHECK = """
import django, os
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/no/such/page/")
css = client.get("/static/academy/css/academy.css")
body = missing.content.decode()
print(settings.DEBUG, missing.status_code, "Django tried these URL patterns" in body, "This page does not exist" in body,
      css.status_code)
"""


def demo_settings_answer(tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    environment |= {"DJANGO_SETTINGS_MODULE": "academy.settings.dev", "ACADEMY_DATA_DIR": str(tmp_path), **env}
    done = subprocess.run(
        [sys.executable, "-c", DEMO_CHECK], env=environment, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.split()


def test_the_demo_shows_the_sites_404_not_djangos_and_still_serves_static_files(tmp_path):
    assert demo_settings_answer(tmp_path) == ["False", "404", "False", "True", "200"]


def test_the_demo_shows_djangos_debug_pages_only_when_asked(tmp_path):
    assert demo_settings_answer(tmp_path, DEBUG="true")[:3] == ["True", "404", "True"]

"""Project-wide guarantees: production settings, the command line, and that every view says who may open it."""

import os
import subprocess
import sys

from django.urls import URLPattern, URLResolver, get_resolver

THIRD_PARTY = ("allauth.", "django.views.static")
BACK_OFFICE = "admin/"  # Django's admin checks is_superuser through admin.site.has_permission


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "academy.settings.production",
        "SECRET_KEY": "x" * 64 + "production-like-secret-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "academy.example.org",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "academy.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_academy_help_lists_the_project_commands():
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "academy"), "--help"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "academy.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    for command in ("registry", "seed", "token"):
        assert f"  {command} " in result.stdout


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def project_views():
    return [
        (route, view)
        for route, view in walk(get_resolver().url_patterns)
        if not view.__module__.startswith(THIRD_PARTY) and not route.startswith(BACK_OFFICE)
    ]


def test_every_project_view_declares_who_may_open_it():
    views = project_views()
    assert len(views) >= 3
    undeclared = [route for route, view in views if not hasattr(view, "access")]
    assert undeclared == [], f"views without an access rule from academy.accounts.access: {undeclared}"

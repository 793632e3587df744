"""Importing participant reports through the pages: a cohort, a session, an organiser signed in, and the
upload → preview → confirm steps, shared by the import tests and the fuzz tests."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from academy.accounts.models import Role
from tests import factories
from tests.programme import factories as pf

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def cohort(edition):
    return {
        "ana": pf.participant(edition, email="ana.costa@cluster-pt.example", full_name="Ana Costa"),
        "bruno": pf.participant(edition, email="bruno@cluster-de.example", full_name="Bruno Keller"),
        "chloe": pf.participant(edition, email="chloe.dubois@cluster-fr.example", full_name="Chloé Dubois"),
        "dana": pf.participant(edition, email="dana@cluster-si.example", full_name="Dana Novak"),
    }


@pytest.fixture
def session(edition):
    """09:00–10:30 CET on the first online day (1 December 2022); the sample reports cover the whole day."""
    return pf.session(edition, title="Cluster strategy", start=dt.time(9), end=dt.time(10, 30))


@pytest.fixture
def organiser(client, edition):
    user = factories.with_role(Role.ORGANISER, edition)
    client.force_login(user)
    return user


def url(session):
    return reverse("programme:import_report", kwargs={"slug": session.edition.slug, "pk": session.pk})


def upload(client, session, data, name="report.csv", zone="Europe/Brussels"):
    return client.post(url(session), {"report": SimpleUploadedFile(name, data, "text/csv"), "time_zone": zone})


def confirm(client, session, preview, matches=None, skip=True):
    """Post the preview's form back, with `matches` {label in the report: application or None}."""
    form = preview.context["form"]
    data = {"payload": form.initial["payload"]}
    if skip:
        data["skip_unreadable"] = "on"
    for person, field in form.select_fields():
        chosen = (matches or {}).get(person.label)
        data[field.html_name] = str(chosen.pk) if chosen else ""
    return client.post(url(session), data, follow=True)

"""Helpers for the applicant's path tests: a complete set of answers, the apply form as posted, uploads."""

import datetime as dt
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from academy.applications import services
from academy.applications.models import Question

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
DURING_CALL = dt.datetime(2022, 10, 20, 10, 30, tzinfo=BRUSSELS)  # the factory edition's call is open

COMPLETE = {
    "experience": "6–10 years",
    "background": "Engineering / science",
    "ecosystems": ["Digital", "Health"],
    "motivation": "To learn how to run better services for our SMEs.",
    "expectations": "Peer learning with other cluster managers.",
    "commit_attend": "on",
    "commit_camera": "on",
    "commit_homework": "on",
    "privacy": "on",
}


def post_data(answers=None, *, application=None, seen=None, action="save", **extra):
    """The apply form as a browser posts it: q-<key> fields, the hidden markers and revisions."""
    data = {"action": action}
    if application is not None:
        data["application"] = str(application.pk)
    for key, value in (COMPLETE if answers is None else answers).items():
        data[f"q-{key}"] = value
        data[f"q-{key}-present"] = "1"
        data[f"seen-{key}"] = str((seen or {}).get(key, application.revision if application else 0))
    data.update(extra)
    return data


def fill(application, answers=None):
    """Save a complete draft through the service, as the autosave would."""
    changes = dict(COMPLETE if answers is None else answers)
    result = services.save_draft(application, changes, based_on_revision=application.revision)
    assert result.ok, (result.errors, result.conflicts)
    return result


def pdf_upload(name="plan.pdf", size=None):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        body += b"0" * (size - len(body))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def add_question(edition, key, type, **fields):
    last = Question.objects.filter(edition=edition).count()
    label = fields.pop("label", key.title())
    return Question.objects.create(edition=edition, key=key, label=label, type=type, position=last + 1, **fields)

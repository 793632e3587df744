"""One application in full for its organisers: answers escaped, every version, the verdict, the history."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import AuditEntry, Role
from academy.applications.models import EligibilityOverride, EligibilityRule, Status, SubmittedVersion
from academy.applications.status import change_status
from tests import factories
from tests.applications import screening_factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(edition, client):
    person = factories.with_role(Role.ORGANISER, edition)
    client.force_login(person)
    return person


def detail(client, app):
    response = client.get(reverse("screening:detail", args=[app.edition.slug, app.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_answers_are_shown_under_their_questions_and_escaped(client, edition, organiser):
    sf.questions(edition)
    app = sf.application(
        edition,
        answers={
            "motivation": "<script>alert(1)</script>",
            "experience": sf.EXPERIENCE[1],
            "ecosystems": ["Digital", "Health"],
            "cv": {"name": "cv.pdf"},
        },
    )
    html = detail(client, app)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "How long have you managed a cluster?" in html and "2 to 5 years" in html
    assert "Digital; Health" in html and "cv.pdf" in html


def test_an_uploaded_file_links_to_its_download_from_the_version_shown(client, edition, organiser):
    sf.questions(edition)
    path = default_storage.save("applications/screening-test/cv.pdf", ContentFile(b"%PDF-1.4 version one"))
    app = sf.application(edition, answers={"motivation": "To learn.", "cv": {"name": "cv.pdf", "path": path}})
    app.answers = {"motivation": "To learn more.", "cv": {"name": "cv.pdf", "path": path}}
    app.save()
    html = detail(client, app)
    of_version = reverse("applications:file", args=[app.pk, "cv"]) + "?version=1"
    of_draft = reverse("applications:file", args=[app.pk, "cv"])
    assert f'<a href="{of_version}">cv.pdf</a>' in html and f'<a href="{of_draft}">cv.pdf</a>' in html
    response = client.get(of_version)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 version one"
    assert AuditEntry.objects.filter(action="application_file.exported", actor=organiser).count() == 1


def test_the_page_costs_nine_queries_however_many_versions_and_changes_it_shows(client, edition, organiser):
    """What the page reads is selected up front: a field left out of the query would cost a query more here."""
    sf.questions(edition)
    app = sf.application(edition, answers={"motivation": "First", "cv": {"name": "cv.pdf"}})
    factories.registered(app.applicant.email)
    detail(client, app)
    with CaptureQueriesContext(connection) as one_version:
        html = detail(client, app)
    assert "First" in html and "Registered Person" in html
    for number in (2, 3):
        SubmittedVersion.objects.create(
            application=app, number=number, answers={"motivation": f"Text {number}"}, submitted_at=app.submitted_at
        )
    change_status(app, Status.WITHDRAWN, by=app.applicant, reason="Cannot travel")
    change_status(app, Status.SUBMITTED, by=organiser, reason="Back")
    with CaptureQueriesContext(connection) as three_versions:
        html = detail(client, app)
    assert "Text 3" in html and "Cannot travel" in html and f"<td>{organiser}</td>" in html
    assert len(one_version.captured_queries) == len(three_versions.captured_queries) == 9


def test_every_submitted_version_is_listed_with_its_time_in_the_editions_zone(client, edition, organiser):
    sf.questions(edition)
    first = dt.datetime(2022, 10, 20, 8, 30, tzinfo=dt.UTC)
    app = sf.application(edition, answers={"motivation": "First thoughts"}, submitted_at=first)
    SubmittedVersion.objects.create(
        application=app, number=2, answers={"motivation": "Second thoughts"}, submitted_at=first + dt.timedelta(days=1)
    )
    html = detail(client, app)
    assert "Answers (submitted version 2)" in html
    assert "Version 1, submitted 20 October 2022, 10:30:00 CEST" in html
    assert "Version 2, submitted 21 October 2022, 10:30:00 CEST: the answers above" in html
    assert "First thoughts" in html
    assert html.count("Second thoughts") == 1, "the latest version's answers are shown once, at the top"


def test_an_unsubmitted_change_to_the_draft_is_shown_apart(client, edition, organiser):
    app = sf.application(edition, answers={"motivation": "Submitted text"})
    app.answers = {"motivation": "Edited since"}
    app.save()
    html = detail(client, app)
    assert "changed the draft since the last submission" in html and "Edited since" in html


def test_a_draft_shows_its_answers_as_not_submitted(client, edition, organiser):
    app = sf.application(edition, status=Status.DRAFT, answers={"motivation": "Still writing"})
    html = detail(client, app)
    assert "Answers (draft, not submitted)" in html and "Still writing" in html and "Nothing submitted yet." in html


def test_the_eligibility_verdict_names_failed_rules_and_overrides(client, edition, organiser):
    app = sf.application(edition)
    factories.registered(app.applicant.email, country="CH")
    html = detail(client, app)
    assert "Not eligible." in html and "Switzerland" in html
    EligibilityOverride.objects.create(
        edition=edition,
        person=app.applicant,
        rule=EligibilityRule.COUNTRY,
        reason="Swiss guest seat",
        granted_by=organiser,
    )
    html = detail(client, app)
    assert "Eligible: every rule of the call is met." in html
    assert "Organisation in an eligible country: Swiss guest seat" in html


def test_the_history_lists_status_changes(client, edition, organiser):
    app = sf.application(edition)
    change_status(app, Status.WITHDRAWN, by=app.applicant, reason="Cannot travel")
    html = detail(client, app)
    assert "Status submitted → withdrawn" in html and "Cannot travel" in html


def test_opening_an_application_is_recorded_in_the_audit_log(client, edition, organiser):
    app = sf.application(edition)
    detail(client, app)
    entry = AuditEntry.objects.get(action="application.viewed")
    assert entry.actor == organiser and entry.object_id == str(app.pk) and entry.edition == edition


def test_an_application_of_another_edition_is_not_found_here(client, edition, organiser):
    elsewhere = sf.application(factories.edition())
    response = client.get(reverse("screening:detail", args=[edition.slug, elsewhere.pk]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="application.viewed").exists()

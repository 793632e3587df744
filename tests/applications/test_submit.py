"""Submitting: every answer validated with each problem shown next to its field, one version per real
submission (a double click makes one), edits after submitting, withdraw and undo, eligibility refused."""

import pytest

from academy.accounts.models import AuditEntry
from academy.applications import services
from academy.applications.models import Application, Status, SubmittedVersion
from academy.registry.models import RegistryRole
from tests import factories

from .helpers import COMPLETE, fill, post_data

pytestmark = pytest.mark.django_db


def apply_url(application):
    return f"/editions/{application.edition.slug}/apply/"


def test_submit_with_missing_answers_shows_each_problem_next_to_its_field_and_a_summary(client, application):
    client.force_login(application.applicant)
    partial = {k: v for k, v in COMPLETE.items() if k not in ("background", "commit_camera")}
    response = client.post(apply_url(application), post_data(partial, application=application, action="submit"))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in page and "Some answers need your attention" in page
    assert '<a href="#id-background">' in page and '<a href="#id-commit_camera">' in page
    assert '<small id="error-background" class="field-error">Choose an answer.</small>' in page
    assert 'aria-describedby="error-commit_camera status-commit_camera"' in page
    assert "To learn how to run better services" in page  # what was typed stays in the form
    application.refresh_from_db()
    assert application.status == Status.DRAFT and not application.versions.exists()
    assert application.answers["motivation"] == COMPLETE["motivation"]  # the valid answers were saved


def test_submit_makes_version_1_audits_it_and_snapshots_eligibility(client, application):
    client.force_login(application.applicant)
    response = client.post(apply_url(application), post_data(application=application, action="submit"))
    assert response.status_code == 302
    application.refresh_from_db()
    version = application.versions.get()
    assert application.status == Status.SUBMITTED and version.number == 1 and version.answers == application.answers
    assert application.is_eligible is True and application.organisation.country.code == "PT"
    entry = AuditEntry.objects.get(action="application.status")
    assert entry.data["new"] == "submitted" and entry.data["version"] == 1


def test_a_double_click_on_submit_makes_one_version(client, application):
    client.force_login(application.applicant)
    data = post_data(application=application, action="submit")
    first = client.post(apply_url(application), data)
    second = client.post(apply_url(application), data)  # the same form, the same revisions, posted twice
    assert first.status_code == second.status_code == 302
    assert SubmittedVersion.objects.filter(application=application).count() == 1
    assert AuditEntry.objects.filter(action__in=["application.status", "application.resubmitted"]).count() == 1


def test_submitting_twice_through_the_service_with_the_same_revision_is_idempotent(application):
    result = fill(application)
    one = services.submit(application, by=application.applicant, revision=result.revision)
    two = services.submit(application, by=application.applicant, revision=result.revision)
    assert one.created and not two.created and one.version.pk == two.version.pk


def test_a_submit_based_on_an_older_revision_is_refused(application):
    fill(application)
    services.save_draft(application, {"motivation": "Changed in another tab"}, based_on_revision=application.revision)
    with pytest.raises(services.Stale, match="changed in another tab or window"):
        services.submit(application, by=application.applicant, revision=1)
    assert not application.versions.exists()


def test_editing_after_submitting_and_submitting_again_makes_version_2(client, application):
    client.force_login(application.applicant)
    client.post(apply_url(application), post_data(application=application, action="submit"))
    application.refresh_from_db()
    changed = dict(COMPLETE, motivation="A better motivation")
    page = client.get(apply_url(application)).content.decode()
    assert "Version 1, submitted on 20 October 2022, 10:30" in page
    client.post(apply_url(application), post_data(changed, application=application, action="save"))
    page = client.get(apply_url(application)).content.decode()
    assert "You have changes that are not submitted yet" in page
    client.post(apply_url(application), post_data(changed, application=application, action="submit"))
    versions = list(application.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].answers["motivation"] == COMPLETE["motivation"]
    assert versions[1].answers["motivation"] == "A better motivation"
    assert AuditEntry.objects.filter(action="application.resubmitted").get().data["version"] == 2


def test_withdraw_and_undo_before_the_deadline(client, application):
    client.force_login(application.applicant)
    client.post(apply_url(application), post_data(application=application, action="submit"))
    client.post(apply_url(application) + "withdraw/", {"reason": "A clash with a board meeting"})
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert AuditEntry.objects.filter(action="application.status").order_by("at").last().data == {
        "old": "submitted",
        "new": "withdrawn",
        "reason": "A clash with a board meeting",
    }
    page = client.get(apply_url(application)).content.decode()
    assert "Undo the withdrawal" in page and 'id="application-form"' not in page
    response = client.post(apply_url(application), post_data(application=application, action="save"))
    assert response.status_code == 409 and "Undo the withdrawal to change it" in response.content.decode()
    client.post(apply_url(application) + "undo-withdrawal/")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_undoing_the_withdrawal_of_a_draft_returns_a_draft(application):
    services.withdraw(application, by=application.applicant)
    services.undo_withdrawal(application, by=application.applicant)
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT


def test_an_ineligible_person_may_prepare_a_draft_but_not_submit(client, during_call, edition, form):
    staff = factories.user("sven@example.org")
    factories.registered(staff.email, role=RegistryRole.STAFF, country="SE")
    client.force_login(staff)
    client.post(f"/editions/{edition.slug}/apply/start/")
    application = Application.objects.get(applicant=staff)
    assert application.is_eligible is False
    response = client.post(apply_url(application), post_data(application=application, action="submit"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "You are registered as staff of" in page and "open only to the manager in charge" in page
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.answers["motivation"] == COMPLETE["motivation"]
    assert not application.versions.exists()


def test_an_override_lets_the_person_submit(application, edition):
    other = factories.user("otto@example.org")
    factories.registered(other.email, country="CH")
    draft = services.start_application(other, edition)
    fill(draft)
    with pytest.raises(services.NotEligible, match="Switzerland"):
        services.submit(draft, by=other)
    organiser = factories.with_role("organiser", edition)
    services.grant_override(edition, other, "country", "Swiss pilot agreed with the Commission", by=organiser)
    assert services.submit(draft, by=other).created


def test_one_application_per_person_and_edition(application):
    again = services.start_application(application.applicant, application.edition)
    assert again.pk == application.pk and Application.objects.count() == 1


def test_an_edition_without_questions_cannot_be_submitted_to(during_call, edition, applicant):
    draft = services.start_application(applicant, edition)
    with pytest.raises(services.NotEditable, match="not ready yet"):
        services.submit(draft, by=applicant)
    assert not draft.versions.exists()

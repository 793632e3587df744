"""The retention purge: after an edition's period, applicants who did not take part lose their data."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import ApiToken, AuditEntry, Role, User
from academy.applications.models import Application, Status
from academy.core.scheduling import run_jobs
from academy.editions.models import Edition
from academy.privacy import services
from academy.privacy.models import Anonymisation, Reason, RetentionPolicy
from academy.programme.models import Coach
from academy.registry.models import RegisteredPerson
from academy.reviews.models import Conflict, Review, Reviewer
from tests import factories

from .footprint import explain, leave_footprint, past_edition, personal_data_left
from .test_deletion import counts

pytestmark = pytest.mark.django_db


def outside_the_application(person, edition):
    """What a purge of one edition's applications leaves on purpose: the person's account (they did not
    delete it), our copy of the registry, and what they did in another edition (reviewing, coaching)."""
    user = person.user
    rows = {(User, user.pk), (LogEntry, LogEntry.objects.get(object_id=str(user.pk)).pk)}
    rows |= {(type(a), a.pk) for a in user.emailaddress_set.all()}
    rows |= {(ApiToken, t.pk) for t in user.api_tokens.all()}
    rows |= {(RegisteredPerson, p.pk) for p in RegisteredPerson.objects.filter(email=person.email)}
    rows |= {(AuditEntry, e.pk) for e in AuditEntry.objects.exclude(edition=edition)}
    for model in (Reviewer, Conflict, Coach):
        rows |= {(model, pk) for pk in model.objects.exclude(edition=edition).values_list("pk", flat=True)}
    rows |= {(Review, pk) for pk in Review.objects.exclude(assignment__edition=edition).values_list("pk", flat=True)}
    return rows


def test_the_purge_leaves_nothing_of_a_not_selected_applicant(django_capture_on_commit_callbacks):
    edition = past_edition()
    person = leave_footprint(edition, status=Status.NOT_SELECTED)
    allowed = outside_the_application(person, edition)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_edition(edition) >= 1
    left = personal_data_left(person.needles, allowed=allowed)
    assert not left, explain(left)
    assert not any(default_storage.exists(path) for path in person.files)
    application = Application.objects.get(pk=person.application.pk)
    assert application.applicant != person.user and application.applicant.full_name == ""
    assert Anonymisation.objects.get(application=application).reason == Reason.RETENTION


def test_the_purge_keeps_participants_and_counts(django_capture_on_commit_callbacks):
    edition = past_edition()
    participant = leave_footprint(edition, status=Status.CONFIRMED, label="Kept")
    refused = leave_footprint(edition, status=Status.DECLINED, label="Gone", country="FR")
    before = counts(edition)
    with django_capture_on_commit_callbacks(execute=True):
        services.purge_edition(edition)
    assert counts(edition) == before
    kept = Application.objects.get(pk=participant.application.pk)
    assert kept.applicant == participant.user and participant.phrase in kept.answers["motivation"]
    gone = Application.objects.get(pk=refused.application.pk)
    assert gone.status == Status.DECLINED and gone.organisation.country.code == "FR"
    assert set(gone.answers) == {"experience", "ecosystems"}


def test_the_job_waits_for_the_retention_date_and_is_idempotent():
    edition = past_edition()  # in-person days end in early 2023
    person = leave_footprint(edition, status=Status.WITHDRAWN)
    for each in Edition.objects.all():  # every edition keeps its data for five years …
        RetentionPolicy.objects.create(edition=each, months=60)
    assert run_jobs(["privacy.retention_purge"]) == {"privacy.retention_purge": (True, "")}
    assert Application.objects.get(pk=person.application.pk).applicant == person.user
    RetentionPolicy.objects.filter(edition=edition).update(months=12)  # … until this one says one
    ok, message = run_jobs(["privacy.retention_purge"])["privacy.retention_purge"]
    assert ok and message == f"anonymised 1 in {edition.slug}"
    holder = Application.objects.get(pk=person.application.pk).applicant
    assert run_jobs(["privacy.retention_purge"]) == {"privacy.retention_purge": (True, "")}
    assert Application.objects.get(pk=person.application.pk).applicant == holder
    assert Anonymisation.objects.count() == 1


def test_the_retention_date_is_months_after_the_last_in_person_day():
    edition = factories.edition(deadline=dt.date(2022, 10, 31))
    policy = services.retention_for(edition)
    assert policy.months == 12 and policy.purge_on == edition.in_person_end.replace(year=2024) + dt.timedelta(days=1)
    assert not services.purge_due(edition, now=edition.start_of(policy.purge_on) - dt.timedelta(seconds=1))
    assert services.purge_due(edition, now=edition.start_of(policy.purge_on))


def test_the_organiser_page_shows_the_date_and_what_will_go(client):
    edition = past_edition()
    leave_footprint(edition, status=Status.NOT_SELECTED)
    organiser = factories.with_role(Role.ORGANISER, edition)
    client.force_login(organiser)
    html = client.get(reverse("privacy:overview", args=[edition.slug])).content.decode()
    purge_on = services.retention_for(edition).purge_on
    assert f"{purge_on:%-d %B %Y}" in html and "1 application is waiting to be anonymised" in html
    assert "uploaded files deleted" in html and "mails to these applicants" in html
    response = client.post(reverse("privacy:overview", args=[edition.slug]), {"months": "24"})
    assert response.status_code == 302 and RetentionPolicy.objects.get(edition=edition).months == 24
    response = client.post(reverse("privacy:overview", args=[edition.slug]), {"months": "0"})
    assert response.status_code == 400 and RetentionPolicy.objects.get(edition=edition).months == 24


def test_organiser_pages_are_for_the_editions_organisers_only(client):
    edition = past_edition()
    person = leave_footprint(edition)
    elsewhere = factories.with_role(Role.ORGANISER, factories.edition())
    for who in (person.user, elsewhere, factories.with_role(Role.REVIEWER, edition)):
        client.force_login(who)
        for name in ("privacy:overview", "privacy:access_log", "privacy:access_log_csv"):
            assert client.get(reverse(name, args=[edition.slug])).status_code == 403
    client.logout()
    assert client.get(reverse("privacy:overview", args=[edition.slug])).status_code == 302
    now = timezone.now()
    assert Anonymisation.objects.filter(at__lte=now).count() == 0  # nothing was purged by trying

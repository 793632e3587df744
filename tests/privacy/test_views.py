"""The person's pages (/me/data/, /me/delete/) and the organisers' access log."""

import pytest
from django.urls import reverse

from academy.accounts.models import AuditEntry, Role, User
from academy.privacy.audit import logs_access, record_access
from tests import factories
from tests.applications import screening_factories as sf

from .footprint import leave_footprint, past_edition

pytestmark = pytest.mark.django_db


def test_deleting_with_the_right_password_signs_out_and_anonymises(client):
    person = leave_footprint(past_edition())
    client.login(email=person.email, password=factories.PASSWORD)
    page = client.get(reverse("privacy:delete")).content.decode()
    assert "cannot be undone" in page and "stay as anonymous rows" in page
    response = client.post(reverse("privacy:delete"), {"password": factories.PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email=person.email).exists()
    assert client.get(reverse("privacy:my_data")).status_code == 302  # signed out


def test_a_wrong_password_deletes_nothing_and_says_what_to_do(client):
    person = leave_footprint(past_edition())
    client.force_login(person.user)
    response = client.post(reverse("privacy:delete"), {"password": "guess", "confirm": "on"})
    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    assert User.objects.get(pk=person.user.pk).email == person.email


def test_the_only_organiser_of_a_running_edition_is_told_why_not(client):
    import datetime as dt

    running = factories.edition(deadline=dt.date.today())
    organiser = factories.with_role(Role.ORGANISER, running)
    client.force_login(organiser)
    page = client.get(reverse("privacy:delete")).content.decode()
    assert "You cannot delete your account yet" in page and 'name="password"' not in page
    client.post(reverse("privacy:delete"), {"password": factories.PASSWORD, "confirm": "on"})
    assert User.objects.get(pk=organiser.pk).is_active


@pytest.fixture
def screened(client):
    edition = factories.edition()
    sf.questions(edition)
    application = sf.application(edition, name="Ana Silva")
    organiser = factories.with_role(Role.ORGANISER, edition, email="orga@example.org")
    client.force_login(organiser)
    return edition, application, organiser


def test_opening_and_exporting_appear_in_the_access_log(client, screened):
    edition, application, organiser = screened
    client.get(reverse("screening:detail", args=[edition.slug, application.pk]))
    client.get(reverse("screening:export_csv", args=[edition.slug]) + "?country=DE")
    b"".join(client.get(reverse("participation:homework_csv", args=[edition.slug])).streaming_content)
    html = client.get(reverse("privacy:access_log", args=[edition.slug])).content.decode()
    assert "3 records" in html
    assert "Application opened" in html and "Applications exported" in html and "Homework exported" in html
    assert f"applications.application #{application.pk}" in html and "orga@example.org" in html
    filtered = client.get(reverse("privacy:access_log", args=[edition.slug]), {"what": "application.viewed"})
    assert "1 record" in filtered.content.decode()


def test_the_access_log_downloads_as_csv_and_that_is_logged_too(client, screened):
    edition, application, organiser = screened
    client.get(reverse("screening:detail", args=[edition.slug, application.pk]))
    response = client.get(reverse("privacy:access_log_csv", args=[edition.slug]), {"what": "application.viewed"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert len(lines) == 2 and "Application opened" in lines[1] and "orga@example.org" in lines[1]
    entry = AuditEntry.objects.get(action="access_log.exported")
    assert entry.actor == organiser and entry.data == {"filters": {"what": "application.viewed"}}


def test_a_reviewer_opening_an_assigned_application_is_logged(client):
    from academy.reviews.models import Assignment

    edition = factories.edition()
    application = sf.application(edition)
    reviewer = factories.with_role(Role.REVIEWER, edition)
    Assignment.objects.create(edition=edition, reviewer=reviewer, application=application)
    client.force_login(reviewer)
    client.get(reverse("reviews:score", args=[edition.slug, application.pk]))
    entry = AuditEntry.objects.filter(action="application.viewed").first()
    assert entry is not None and entry.actor == reviewer and entry.data == {"by_reviewer": True}
    assert entry.object_id == str(application.pk)


def test_a_refused_page_writes_no_access_record(client, screened):
    edition, _application, _organiser = screened
    client.get(reverse("screening:detail", args=[edition.slug, 999999]))
    assert not AuditEntry.objects.filter(action="application.viewed").exists()


def test_access_records_must_be_named_as_views_or_exports():
    with pytest.raises(ValueError):
        logs_access("application.opened")
    with pytest.raises(ValueError):
        record_access("homework.downloaded", actor=None, edition=None)


def test_the_privacy_links_are_on_my_page(client):
    person = factories.user()
    client.force_login(person)
    html = client.get(reverse("accounts:me")).content.decode()
    assert reverse("privacy:my_data") in html and reverse("privacy:delete") in html


@pytest.mark.parametrize("size", [3, 30])
def test_the_access_log_takes_the_same_queries_however_long(client, screened, size, django_assert_num_queries):
    edition, application, organiser = screened
    for _ in range(size):
        record_access("application.viewed", actor=organiser, edition=edition, obj=application)
    # session, user, the roles with their editions (the role check, the page's edition, the menu), actions, people, count, page
    with django_assert_num_queries(7):
        response = client.get(reverse("privacy:access_log", args=[edition.slug]))
    assert f"{size} records" in response.content.decode()


@pytest.mark.parametrize("months", ["121", "99999999999999999999"])
def test_a_retention_beyond_the_limit_is_refused_and_the_page_keeps_the_saved_date(client, months):
    """A huge number once made the purge date shown next to the form overflow (a 500 found by the form fuzz)."""
    edition = factories.edition()
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    before = client.get(f"/orga/{edition.slug}/privacy/").content.decode()
    response = client.post(f"/orga/{edition.slug}/privacy/", {"months": months})
    text = response.content.decode()
    assert response.status_code == 400 and "less than or equal to 120" in text
    assert "the purge runs on" in text and _purge_day(before) == _purge_day(text)


def _purge_day(page):
    return page.split("the purge runs on <strong>")[1].split("</strong>")[0]

"""Consent is real: the form's consent question links to the edition's privacy notice and cites its current
version and retention; submitting keeps the version agreed to and when on the application; organisers see
both on the detail page and in the CSV, XLSX and API; the person's data download holds them."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from academy.accounts.models import Role
from academy.accounts.services import create_api_token
from academy.applications import services
from academy.applications.models import Application
from academy.privacy import notices
from academy.privacy.models import RetentionPolicy
from academy.privacy.services import export_data
from tests import factories

from .helpers import fill, post_data

pytestmark = pytest.mark.django_db


def apply_url(edition):
    return reverse("applications:apply", args=[edition.slug])


def submit(application, during_call):
    fill(application)
    return services.submit(application, by=application.applicant)


def new_version(edition):
    notices.current_notice(edition)  # version 1, as the edition's pages would have made it
    return notices.publish(edition, notices.first_text(edition) | {"kept": "Only your application."}, by=None)


@pytest.fixture
def submitted(application, during_call):
    submit(application, during_call)
    application.refresh_from_db()
    return application


@pytest.fixture
def organiser_client(client, edition):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    return client


def test_the_consent_question_links_to_the_notice_and_cites_its_current_version_and_retention(client, application):
    RetentionPolicy.objects.create(edition=application.edition, months=18)
    new_version(application.edition)
    client.force_login(application.applicant)
    page = client.get(apply_url(application.edition)).content.decode()
    edition = application.edition
    assert f'href="{reverse("privacy:notice", args=[edition.slug])}"' in page
    assert f"privacy notice, version {edition.year}-2 of" in page
    assert "anonymised 18 months after the last in-person day" in page
    assert "two years" not in page and f"version {edition.year}-1 " not in page


def test_submitting_keeps_the_version_agreed_to_and_when_in_utc(application, during_call):
    submit(application, during_call)
    application.refresh_from_db()
    assert application.consent_version == f"{application.edition.year}-1"
    assert application.consent_at == application.submitted_at
    assert application.consent_at.utcoffset() == dt.timedelta(0)


def test_a_draft_holds_no_consent_until_it_is_submitted(application, during_call):
    fill(application)
    application.refresh_from_db()
    assert application.consent_version == "" and application.consent_at is None


def test_resubmitting_under_the_same_version_keeps_the_first_agreement(submitted, during_call):
    first = submitted.consent_at
    during_call.shift(dt.timedelta(hours=2))
    fill(submitted, {"motivation": "Changed my mind."})
    services.submit(submitted, by=submitted.applicant)
    submitted.refresh_from_db()
    assert submitted.versions.count() == 2 and submitted.consent_at == first


def test_a_new_notice_asks_for_consent_again_and_records_the_new_agreement(client, submitted, during_call):
    edition = submitted.edition
    new_version(edition)
    during_call.shift(dt.timedelta(hours=2))
    fill(submitted, {"motivation": "Changed my mind."})
    with pytest.raises(services.Incomplete) as refused:
        services.submit(submitted, by=submitted.applicant)
    assert "has changed" in refused.value.problems["privacy"]
    client.force_login(submitted.applicant)
    page = client.get(apply_url(edition)).content.decode()
    assert 'name="q-privacy" id="id-privacy" checked' not in page  # the box is not shown ticked for the old text
    fill(submitted, {"privacy": "on"})
    services.submit(submitted, by=submitted.applicant)
    submitted.refresh_from_db()
    assert submitted.consent_version == f"{edition.year}-2" and submitted.consent_at > submitted.created_at


def test_submitting_through_the_form_records_consent(client, application):
    client.force_login(application.applicant)
    response = client.post(apply_url(application.edition), post_data(application=application, action="submit"))
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).consent_version == f"{application.edition.year}-1"


def test_the_detail_page_shows_the_consent_in_the_editions_zone(organiser_client, submitted):
    edition = submitted.edition
    url = reverse("screening:detail", args=[edition.slug, submitted.pk])
    page = organiser_client.get(url).content.decode()
    local = submitted.consent_at.astimezone(edition.zone)
    assert f"version {edition.year}-1</a> on {local.day} {local:%B %Y, %H:%M} CEST" in page


def test_the_csv_has_the_consent_columns_and_a_filled_privacy_column(organiser_client, submitted):
    edition = submitted.edition
    response = organiser_client.get(reverse("screening:export_csv", args=[edition.slug]))
    [row] = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    local = submitted.consent_at.astimezone(edition.zone)
    assert row["consent_version"] == f"{edition.year}-1"
    assert row["consent_at"] == f"{local:%Y-%m-%d %H:%M} CEST"
    assert row["privacy"] == f"agreed to version {edition.year}-1"


def test_the_xlsx_has_the_consent_columns(organiser_client, submitted):
    edition = submitted.edition
    response = organiser_client.get(reverse("screening:export_xlsx", args=[edition.slug]))
    header, row = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))
    assert cells["consent_version"] == f"{edition.year}-1" and cells["consent_at"].endswith(" CEST")
    assert cells["privacy"] == f"agreed to version {edition.year}-1"


def test_the_api_gives_the_consent_in_utc(client, edition, submitted):
    token = create_api_token(factories.with_role(Role.ORGANISER, edition))
    url = reverse("api:list_applications", args=[edition.slug])
    [item] = client.get(url, headers={"Authorization": f"Bearer {token}"}).json()["items"]
    assert item["consent"]["version"] == f"{edition.year}-1"
    at = submitted.consent_at
    assert item["consent"]["at"].endswith("Z")  # UTC
    assert dt.datetime.fromisoformat(item["consent"]["at"]) == at.replace(microsecond=at.microsecond // 1000 * 1000)


def test_the_api_gives_no_consent_for_a_draft(client, edition, application):
    token = create_api_token(factories.with_role(Role.ORGANISER, edition))
    url = reverse("api:list_applications", args=[edition.slug])
    [item] = client.get(url, headers={"Authorization": f"Bearer {token}"}).json()["items"]
    assert item["consent"] is None


def test_the_persons_data_download_holds_their_consent(submitted):
    [entry] = export_data(submitted.applicant)["applications"]["applications"]
    assert entry["privacy_notice_agreed"]["version"] == f"{submitted.edition.year}-1"
    assert entry["privacy_notice_agreed"]["at"] == submitted.consent_at.isoformat()

"""The organiser's CSV and XLSX of the filtered list: one column per question, times in the edition's zone,
formulas defused, the export recorded, a constant number of queries."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from academy.accounts.models import AuditEntry, Role
from academy.applications.models import Status
from tests import factories
from tests.applications import screening_factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(edition, client):
    person = factories.with_role(Role.ORGANISER, edition)
    client.force_login(person)
    return person


def csv_rows(client, edition, **params):
    response = client.get(reverse("screening:export_csv", args=[edition.slug]), params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_fixed_columns_then_one_per_question(client, edition, organiser):
    sf.questions(edition)
    when = dt.datetime(2022, 10, 31, 22, 59, tzinfo=dt.UTC)
    sf.application(
        edition,
        name="Ana Silva",
        email="ana@example.org",
        org_name="Porto Cluster",
        country="PT",
        submitted_at=when,
        answers={"motivation": "Learn", "experience": sf.EXPERIENCE[2], "ecosystems": ["Digital", "Health"]},
    )
    [row] = csv_rows(client, edition)
    assert list(row) == [
        "name",
        "email",
        "organisation",
        "country",
        "status",
        "eligible",
        "submitted_at",
        "consent_version",
        "consent_at",
        "motivation",
        "experience",
        "ecosystems",
        "cv",
    ]
    assert row["name"] == "Ana Silva" and row["organisation"] == "Porto Cluster" and row["country"] == "PT"
    assert row["status"] == "submitted" and row["eligible"] == "yes"
    assert row["submitted_at"] == "2022-10-31 23:59"  # Brussels, CET
    assert row["experience"] == "More than 5 years" and row["ecosystems"] == "Digital; Health" and row["cv"] == ""


def test_csv_cells_that_would_be_formulas_are_quoted(client, edition, organiser):
    sf.questions(edition)
    sf.application(edition, name="=cmd|' /C calc'!A0", answers={"motivation": "+SUM(1)", "experience": "-1"})
    sf.application(edition, name="@evil", answers={"motivation": "\t=1"})
    rows = {r["name"]: r for r in csv_rows(client, edition)}
    assert set(rows) == {"'=cmd|' /C calc'!A0", "'@evil"}
    assert rows["'=cmd|' /C calc'!A0"]["motivation"] == "'+SUM(1)"
    assert rows["'=cmd|' /C calc'!A0"]["experience"] == "'-1"
    assert rows["'@evil"]["motivation"] == "'\t=1"


def test_export_follows_the_lists_filters(client, edition, organiser):
    sf.application(edition, name="Lisbon", country="PT")
    sf.application(edition, name="Lisbon draft", country="PT", status=Status.DRAFT)
    sf.application(edition, name="Berlin", country="DE")
    assert [r["name"] for r in csv_rows(client, edition, country="PT", status="submitted")] == ["Lisbon"]


def test_export_shows_the_latest_submitted_answers(client, edition, organiser):
    sf.questions(edition)
    app = sf.application(edition, answers={"motivation": "As submitted"})
    app.answers = {"motivation": "Unsubmitted edit"}
    app.save()
    [row] = csv_rows(client, edition)
    assert row["motivation"] == "As submitted"


def test_xlsx_reads_back_with_the_same_rows(client, edition, organiser):
    sf.questions(edition)
    sf.application(edition, name="Ana", answers={"motivation": "=HYPERLINK(1)", "experience": sf.EXPERIENCE[0]})
    sf.application(edition, name="Bea", status=Status.DRAFT, answers={}, eligible=None)
    response = client.get(reverse("screening:export_xlsx", args=[edition.slug]), {"sort": "name"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{edition.slug}-applications.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("name", "email", "organisation") and rows[0][-4:] == (
        "motivation",
        "experience",
        "ecosystems",
        "cv",
    )
    assert [r[0] for r in rows[1:]] == ["Ana", "Bea"]
    assert rows[1][9] == "'=HYPERLINK(1)"
    assert rows[2][4:7] == ("draft", "not checked", None)


def test_each_export_is_recorded_with_its_filters(client, edition, organiser):
    sf.application(edition, country="PT")
    csv_rows(client, edition, country="PT")
    entry = AuditEntry.objects.get(action="applications.exported")
    assert entry.actor == organiser and entry.edition == edition
    assert entry.data == {"format": "csv", "filters": {"country": "PT"}}


def test_the_csv_export_runs_the_same_number_of_queries_at_10_and_1000(
    client, edition, organiser, django_assert_num_queries
):
    sf.questions(edition)
    url = reverse("screening:export_csv", args=[edition.slug])
    sf.many_applications(edition, 10)
    with CaptureQueriesContext(connection) as small:
        rows = b"".join(client.get(url).streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 11
    sf.many_applications(edition, 990)
    with django_assert_num_queries(len(small.captured_queries)):
        rows = b"".join(client.get(url).streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 1001

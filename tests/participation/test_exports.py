"""Homework status as CSV and XLSX, with formula-like cells made harmless."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from openpyxl import load_workbook

from academy.participation import homework
from tests import factories
from tests.http import body
from tests.participation import helpers

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


@pytest.fixture
def organiser_client(client, edition):
    client.force_login(factories.with_role("organiser", edition))
    return client


def test_homework_csv_lists_each_participant_and_status(organiser_client, edition, assignment):
    done = helpers.participant(edition, full_name="Ana Silva")
    helpers.participant(edition, full_name="=cmd|' /C calc'!A0")
    homework.hand_in(assignment, done, text="x", now=dt.datetime(2023, 1, 30, 18, 5, tzinfo=BRUSSELS))
    with time_machine.travel(dt.datetime(2023, 2, 2, tzinfo=BRUSSELS), tick=False):
        response = organiser_client.get(f"/orga/{edition.slug}/homework.csv")
    lines = body(response).decode("utf-8-sig").splitlines()
    assert response["Content-Disposition"] == f'attachment; filename="homework-{edition.slug}.csv"'
    assert lines[0].startswith("Participant,E-mail,Organisation,Map your services: status")
    assert any(line.startswith("Ana Silva,") and "handed in,2023-01-30 18:05" in line for line in lines)
    assert any(line.startswith("'=cmd|' /C calc'!A0,") and "missing" in line for line in lines)


def test_homework_xlsx_opens_with_the_same_rows(organiser_client, edition, assignment):
    helpers.participant(edition, full_name="@Bea")
    response = organiser_client.get(f"/orga/{edition.slug}/homework.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Participant", "E-mail", "Organisation", "Map your services: status")
    assert rows[1][0] == "'@Bea" and rows[1][3] in ("not yet due", "missing")


def test_homework_csv_says_when_feedback_was_given(organiser_client, edition, assignment, coach):
    done = helpers.participant(edition, full_name="Ana Silva")
    item = homework.hand_in(assignment, done, text="x", now=dt.datetime(2023, 1, 30, 18, 5, tzinfo=BRUSSELS))
    with time_machine.travel(dt.datetime(2023, 2, 1, 9, 15, tzinfo=BRUSSELS), tick=False):
        homework.give_feedback(item, coach=coach, text="Good.")
    lines = body(organiser_client.get(f"/orga/{edition.slug}/homework.csv")).decode("utf-8-sig").splitlines()
    assert "Map your services: feedback given at (Europe/Brussels)" in lines[0]
    assert lines[1].endswith("handed in,2023-01-30 18:05,2023-02-01 09:15")

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from academy.accounts.models import AuditEntry, Role
from academy.applications.models import Status
from academy.exports import safe_cell
from academy.programme.models import Attendance, Kind
from tests import factories
from tests.programme import factories as pf

pytestmark = pytest.mark.django_db


def my_page(client, edition):
    return client.get(reverse("programme:my_attendance", kwargs={"slug": edition.slug}))


def test_a_participant_sees_their_own_attendance_and_nobody_elses(client, edition):
    ana, bruno = pf.participant(edition), pf.participant(edition)
    strategy = pf.session(edition, title="Cluster strategy")
    funding = pf.session(edition, title="Funding", start=dt.time(11), end=dt.time(12))
    Attendance.objects.create(session=strategy, application=ana, present=True, minutes=77, camera_on=True)
    Attendance.objects.create(session=funding, application=bruno, present=True, minutes=53)
    client.force_login(ana.applicant)
    response = my_page(client, edition)
    rows = {s.title: r for s, r in response.context["rows"]}
    assert rows["Cluster strategy"].minutes == 77 and rows["Funding"] is None
    main = response.content.decode().split('<main id="main"', 1)[1]  # the page, not the header's CSRF token
    assert "Present in 1 of 2 sessions." in main and ">53<" not in main and " 53 " not in main


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.DECLINED])
def test_someone_outside_the_cohort_has_no_attendance_page(client, edition, status):
    client.force_login(pf.application(edition, status=status).applicant)
    assert my_page(client, edition).status_code == 404


def test_the_attendance_page_asks_an_anonymous_visitor_to_log_in(client, edition):
    assert my_page(client, edition).status_code == 302


def export(client, edition, suffix):
    return client.get(reverse(f"programme:attendance_{suffix}", kwargs={"slug": edition.slug}))


@pytest.fixture
def recorded(edition):
    ana = pf.participant(edition, full_name='=HYPERLINK("http://evil.example")')
    bruno = pf.participant(edition, full_name="Bruno Keller")
    strategy = pf.session(edition, title="Cluster strategy")
    pf.session(edition, title="Coffee", kind=Kind.BREAK, start=dt.time(10, 30), end=dt.time(11))
    Attendance.objects.create(session=strategy, application=bruno, present=True, minutes=88, camera_on=False)
    return ana, bruno


def test_the_csv_export_has_a_row_per_participant_and_session_with_formulas_defused(client, edition, recorded):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    response = export(client, edition, "csv")
    assert response["Content-Disposition"] == f'attachment; filename="{edition.slug}-attendance.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Participant", "E-mail", "Organisation", "Session"]
    assert len(rows) == 3  # two participants × one session; the break is left out
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")' and rows[1][6] == ""
    assert rows[2][0] == "Bruno Keller" and rows[2][5:10] == ["2022-12-01 09:00", "yes", "88", "no", ""]
    assert AuditEntry.objects.filter(action="attendance.exported").exists()


def test_the_xlsx_export_opens_with_the_same_rows(client, edition, recorded):
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    book = load_workbook(io.BytesIO(export(client, edition, "xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][0].startswith("'=") and rows[2][7] == 88


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_coaches_do_not_export(client, edition, suffix):
    client.force_login(factories.with_role(Role.COACH, edition))
    assert export(client, edition, suffix).status_code == 403


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_cells_that_a_spreadsheet_would_evaluate_get_a_quote(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Ana") == "Ana" and safe_cell(5) == 5


@pytest.mark.parametrize("size", [3, 30])
def test_the_export_takes_the_same_number_of_queries_however_many_participants(
    client, edition, size, django_assert_num_queries
):
    sessions = [pf.session(edition, start=dt.time(9 + i), end=dt.time(10 + i)) for i in range(3)]
    for _ in range(size):
        Attendance.objects.create(session=sessions[0], application=pf.participant(edition), present=True)
    client.force_login(factories.with_role(Role.ORGANISER, edition))
    # session, user, the roles with their editions, participants, sessions, attendance, audit entry
    with django_assert_num_queries(7):
        response = export(client, edition, "csv")
    assert response.content.decode("utf-8-sig").count("\n") == 1 + size * 3

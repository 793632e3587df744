"""Damaged participant reports: a UTF-8 or UTF-16 export cut off in the middle of its last line, or with a damaged
line among lines that prove its encoding. The file is read in its own encoding, the damaged line is named and left
out, and no name is ever stored as read in the wrong one (“ChloÃ© Dubois”)."""

import datetime as dt

import pytest

from academy.programme.models import Attendance
from tests.programme.importing import confirm, upload
from tests.programme.report_files import Visit, cohort_visits, day, encode, teams, zoom
from tests.programme.test_attendance_locales import MINUTES, text

pytestmark = pytest.mark.django_db
DEC_1 = dt.date(2022, 12, 1)
GUESTS = [  # accented names, as in any European cohort; not participants
    Visit("Łucja Wróbel", "lucja@cluster-pl.example", day(DEC_1, 9), day(DEC_1, 9, 30)),
    Visit("José Núñez", "jose@cluster-es.example", day(DEC_1, 9), day(DEC_1, 9, 30)),
    Visit("Zoë Müller", "zoe@cluster-at.example", day(DEC_1, 9), day(DEC_1, 9, 30)),
]
CUT = "Line 13 is damaged: it is not {} text like the rest of the file (was the file cut off there?), so it is left out rather than read wrongly"


def cut_in_last_character(data, suffix):
    """The file with `suffix` (a last row) cut off inside its last character, as a stopped download leaves it."""
    return data + suffix[:-1]


@pytest.mark.parametrize(("encoding", "said"), [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with byte order mark")])
def test_a_utf8_report_cut_mid_character_is_read_as_utf8_and_names_the_cut_line(
    client, session, cohort, organiser, encoding, said
):
    data = encode(zoom(cohort_visits(DEC_1), "en-GB"), encoding)
    last = 'Łucja Wróbel,lucja@cluster-pl.example,"01/12/2022, 09:00:00","01/12/2022, 09:30:00",30,No,No\r\nŁ'
    response = upload(client, session, cut_in_last_character(data, last.encode()))
    plan = response.context["plan"]
    assert {e.application.applicant.full_name: e.minutes for e in plan.matched.values()} == MINUTES
    assert [line for line, _message in plan.errors] == [14]
    assert f"Line 14 is damaged: it is not {said} text" in text(response)
    assert f"Read as {said} text, comma-separated." in text(response)
    assert "Lucja" not in str(plan.unmatched) and "Ã" not in text(response)
    assert not Attendance.objects.exists(), "nothing is saved before the organiser confirms"
    assert "Some rows cannot be read: tick this box" in text(confirm(client, session, response, skip=False))
    assert not Attendance.objects.exists(), "nor when the damaged line is not acknowledged"
    confirm(client, session, response)
    names = dict(session.attendance.values_list("application__applicant__full_name", "imported_name"))
    assert names["Chloé Dubois"] == "Chloé Dubois"


def test_a_cut_inside_an_accented_name_of_the_last_row(client, session, cohort, organiser):
    rows = zoom(cohort_visits(DEC_1) + GUESTS[:1], "en-US")
    data = encode(rows)
    cut = data[: data.index("Wróbel".encode()) + 3]  # W, r and the first byte of ó
    response = upload(client, session, cut)
    plan = response.context["plan"]
    assert plan.errors == [(13, CUT.format("UTF-8") + ". Export the report again to include it.")]
    assert len(plan.matched) == 4 and "Ã" not in text(response)


def test_a_damaged_line_among_lines_that_prove_utf8_is_left_out_not_the_whole_file_misread(
    client, session, cohort, organiser
):
    data = encode(zoom(cohort_visits(DEC_1) + GUESTS, "en-US"))
    data = data.replace("José".encode(), "José".encode("cp1252"))  # one line saved by another program
    response = upload(client, session, data)
    plan = response.context["plan"]
    assert [line for line, _message in plan.errors] == [14]
    assert "Read as UTF-8 text" in text(response)
    labels = [p.label for p in plan.unmatched]
    assert "Łucja Wróbel <lucja@cluster-pl.example>" in labels and "Zoë Müller <zoe@cluster-at.example>" in labels
    assert plan.matched[cohort["chloe"].pk].people[0].matched_by == "name"


def test_a_windows_1252_file_is_still_read_as_windows_1252(client, session, cohort, organiser):
    response = upload(client, session, encode(zoom(cohort_visits(DEC_1) + GUESTS[1:], "de-DE"), "cp1252", ";"))
    plan = response.context["plan"]
    assert plan.errors == [] and "Read as Windows-1252 text, semicolon-separated." in text(response)
    assert "José Núñez <jose@cluster-es.example>" in [p.label for p in plan.unmatched]


def test_a_teams_report_cut_after_an_odd_number_of_bytes_names_its_last_line(client, session, cohort, organiser):
    data = encode(teams(cohort_visits(DEC_1), "en-GB"), "utf-16", "\t")
    response = upload(client, session, data[:-7])  # in the middle of the last row's last character
    plan = response.context["plan"]
    assert plan.errors == [(23, CUT.replace("13", "23").format("UTF-16") + ". Export the report again to include it.")]
    assert {e.application.applicant.full_name: e.minutes for e in plan.matched.values()} == MINUTES

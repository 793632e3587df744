"""The attendance import fed what people really upload: re-saved, cut-off, mis-encoded, hostile or not a report.

The decision: UTF-8 (with or without byte order mark), UTF-16 and Windows-1252/Latin-1 are read, with comma,
semicolon or tab as delimiter, and the preview says how the file was read. Anything else is refused with a
sentence; never a server error, and the session's attendance is either all of the confirmed import or unchanged.
"""

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from academy.imports import MAX_LINE
from academy.programme.attendance import apply_import, plan_import
from academy.programme.attendance_import import ReportError, parse_report
from academy.programme.models import Attendance
from tests.programme.importing import SAMPLES, confirm, upload

pytestmark = pytest.mark.django_db
ZOOM = (SAMPLES / "zoom_participants.csv").read_bytes()
TEAMS = (SAMPLES / "teams_attendance.csv").read_bytes()
HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
ANA = "Ana Costa,ana.costa@cluster-pt.example,12/01/2022 09:00:00 AM,12/01/2022 10:30:00 AM,{minutes}\n"
FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM", "=1+1"]  # no brackets: Zoom's "Name (Original Name)"
FUZZ = settings(max_examples=40)


def rows(session):
    return sorted(Attendance.objects.filter(session=session).values_list("application_id", "present", "minutes"))


def page_text(response):
    return re.sub(r"\s+", " ", response.content.decode())


# -- Encodings and delimiters that people's spreadsheets produce -----------------------------------------------


def zoom_as(encoding, delimiter=","):
    text = ZOOM.decode("utf-8-sig").replace("chloe  dubois", "Chloé Dubois")
    if delimiter != ",":
        text = "\n".join(_redelimit(line, delimiter) for line in text.splitlines()) + "\n"
    return text.encode(encoding)


def _redelimit(line, delimiter, source=","):
    cells = next(csv.reader(io.StringIO(line), delimiter=source), [])
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(cells)
    return out.getvalue()


@pytest.mark.parametrize(
    ("encoding", "delimiter", "said"),
    [
        ("utf-8", ",", "Read as UTF-8 text, comma-separated."),
        ("utf-8-sig", ",", "Read as UTF-8 with byte order mark text, comma-separated."),
        ("cp1252", ",", "Read as Windows-1252 text, comma-separated."),
        ("latin-1", ";", "Read as Windows-1252 text, semicolon-separated."),
        ("utf-8-sig", ";", "Read as UTF-8 with byte order mark text, semicolon-separated."),
        ("utf-16", "\t", "Read as UTF-16 text, tab-separated."),
    ],
)
def test_a_resaved_report_is_read_the_same_and_the_preview_says_how(
    client, session, cohort, organiser, encoding, delimiter, said
):
    original = upload(client, session, zoom_as("utf-8")).context["plan"]
    response = upload(client, session, zoom_as(encoding, delimiter))
    plan = response.context["plan"]
    assert {k: e.minutes for k, e in plan.matched.items()} == {k: e.minutes for k, e in original.matched.items()}
    assert [p.label for p in plan.unmatched] == [p.label for p in original.unmatched]
    assert said in page_text(response)
    assert cohort["chloe"].pk in plan.matched, "Chloé is matched by her accented name, whatever the encoding"


def test_the_teams_report_saved_again_as_utf8_with_semicolons_is_still_teams(client, session, cohort, organiser):
    text = TEAMS.decode("utf-16")
    resaved = "\n".join(_redelimit(line, ";", "\t") for line in text.splitlines()).encode("utf-8-sig")
    plan = upload(client, session, resaved).context["plan"]
    assert plan.platform == "teams" and len(plan.matched) == 3


# -- Formula-looking cells ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_as_a_name_is_kept_as_text_and_matched_by_email(client, session, cohort, organiser, formula):
    data = (HEADER + ANA.format(minutes=90).replace("Ana Costa", formula.replace('"', '""').join('""'))).encode()
    preview = upload(client, session, data)
    assert preview.context["plan"].errors == []
    confirm(client, session, preview)
    row = Attendance.objects.get(session=session)
    assert (row.application_id, row.minutes, row.imported_name) == (cohort["ana"].pk, 90, formula)


@pytest.mark.parametrize("duration", ["+1", "-1", "-90", "=90", "@90", "nan", "inf", "1e308", "-1h 2m"])
def test_a_formula_or_impossible_duration_is_an_unreadable_line_not_a_crash(
    client, session, cohort, organiser, duration
):
    data = (
        HEADER
        + ANA.format(minutes=duration)
        + ANA.format(minutes=90)
        .replace("Ana Costa", "Bruno Keller")
        .replace("ana.costa@cluster-pt", "bruno@cluster-de")
    ).encode()
    preview = upload(client, session, data)
    assert preview.status_code == 200
    assert preview.context["plan"].errors == [(2, f"Line 2: “{duration}” is not a duration such as 83 or 1h 23m 5s.")]
    confirm(client, session, preview)
    assert rows(session) == [(cohort["bruno"].pk, True, 90)]


# -- Not a report, or a broken one ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "The file is empty."),
        (bytes(range(256)) * 40, "This is not a text file."),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 500, "This is not a text file."),
        (b"<!doctype html><title>Zoom</title><p>Sign in</p>", "no line has the columns Name, Join Time"),
        (HEADER.encode() + b'"' + b"x" * (MAX_LINE + 10) + b"\n", "Line 2 is 100,011 characters long"),
        (ZOOM + b"\n" + b"y," * (MAX_LINE // 2 + 1) + b"\n", "characters long"),
        (HEADER.encode(), "The participant list in this file is empty."),
    ],
    ids=["no bytes", "only a BOM", "binary", "executable", "html", "runaway quote", "huge line", "header only"],
)
def test_what_is_not_a_report_is_refused_in_words_and_nothing_changes(
    client, session, cohort, organiser, data, message
):
    Attendance.objects.create(session=session, application=cohort["ana"], present=True, minutes=12)
    response = upload(client, session, data)
    assert response.status_code == 400 and "plan" not in response.context
    assert message in page_text(response)
    assert rows(session) == [(cohort["ana"].pk, True, 12)]


@pytest.mark.parametrize("cut", [0.15, 0.35, 0.5, 0.73, 0.9, 0.99])
def test_a_cut_off_report_imports_its_whole_rows_or_says_why(client, session, cohort, organiser, cut):
    response = upload(client, session, ZOOM[: int(len(ZOOM) * cut)])
    assert response.status_code == (200 if "plan" in response.context else 400)
    if "plan" not in response.context:
        [message] = response.context["form"].errors["report"]
        assert message in page_text(response).replace("&#x27;", "'")
        assert rows(session) == []
        return
    plan = response.context["plan"]
    confirm(client, session, response)
    assert {r[0] for r in rows(session)} == set(plan.matched)


# -- Properties over arbitrary damage --------------------------------------------------------------------------------

damage = st.one_of(
    st.integers(0, len(ZOOM)).map(lambda n: ZOOM[:n]),
    st.tuples(st.integers(0, len(ZOOM)), st.binary(min_size=1, max_size=40)).map(
        lambda t: ZOOM[: t[0]] + t[1] + ZOOM[t[0] :]
    ),
    st.tuples(st.integers(0, len(ZOOM)), st.text(min_size=1, max_size=30)).map(
        lambda t: ZOOM[: t[0]] + t[1].encode("utf-8", "surrogatepass") + ZOOM[t[0] :]
    ),
    st.tuples(
        st.sampled_from([b",", b"\n", b'"', b":", b"/", b"AM"]),
        st.sampled_from([b";", b"", b'""', b"\t", b"-", b"=", b"+"]),
    ).map(lambda t: ZOOM.replace(t[0], t[1])),
    st.binary(max_size=300),
)


@FUZZ
@given(data=damage)
def test_any_damaged_report_is_read_or_refused_with_a_report_error(data):
    try:
        report = parse_report(data, zone=dt.UTC)
    except ReportError as refused:
        assert str(refused).strip()
        return
    assert report.rows
    for row in report.rows:
        assert row.left >= row.joined and 0 <= row.duration_minutes <= 7 * 24 * 60
        assert row.camera_minutes is None or row.camera_minutes >= 0


@FUZZ
@given(data=damage)
def test_a_damaged_report_through_the_pages_never_fails_and_writes_all_or_nothing(
    client, session, cohort, organiser, data
):
    before = rows(session)
    by_hand = set(Attendance.objects.filter(session=session, source="manual").values_list("application_id", flat=True))
    response = upload(client, session, data)
    plan = response.context.get("plan")
    assert response.status_code == (400 if plan is None else 200)
    if plan is None:
        assert response.context["form"].errors["report"], "a refusal says why"
        assert rows(session) == before
        return
    done = confirm(client, session, response)
    assert done.status_code == 200 and done.redirect_chain, "the confirmation is accepted"
    saved = {r[0]: r[2] for r in rows(session)}
    assert {k: e.minutes for k, e in plan.matched.items()} == {k: saved[k] for k in plan.matched}
    assert set(saved) == set(plan.matched) | by_hand


def test_a_failing_write_leaves_nothing_behind(session, cohort, organiser, monkeypatch):
    """The import is one transaction: if the audit entry fails after the rows are written, the rows go too."""
    Attendance.objects.create(session=session, application=cohort["dana"], present=True, minutes=5, source="import")
    plan = plan_import(
        parse_report(ZOOM, zone=session.edition.zone, days={session.starts_at.date()}), session, list(cohort.values())
    )
    monkeypatch.setattr("academy.programme.attendance.record", _boom)
    with pytest.raises(RuntimeError):
        apply_import(plan, by=organiser)
    assert rows(session) == [(cohort["dana"].pk, True, 5)]


def _boom(*args, **kwargs):
    raise RuntimeError("the audit log is down")

"""Importing Zoom and Teams participant reports: the sample files in samples/ are written as the platforms export
them, with the rows that make real reports messy (a rejoin, a guest without e-mail, a name-only match, an
unknown address, a row with a bad time, someone outside the session)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from academy.accounts.models import Role
from academy.programme.attendance_import import ReportError, parse_duration, parse_report, parse_time
from academy.programme.models import Attendance, Source
from tests import factories
from tests.programme import factories as pf
from tests.programme.importing import SAMPLES, confirm, upload, url

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")
DAY = {dt.date(2022, 12, 1)}  # the session's day in the sample reports


def sample(name):
    return (SAMPLES / name).read_bytes()


# -- Reading the files -------------------------------------------------------------------------------------------


def test_the_zoom_report_is_read_row_by_row_with_the_bad_row_reported():
    report = parse_report(sample("zoom_participants.csv"), zone=BRUSSELS, days=DAY)
    assert report.platform == "zoom"
    assert [r.line for r in report.rows] == [5, 6, 7, 8, 9, 10, 11, 13]
    assert report.errors == [
        (12, "Line 12: “12/01/2022 13:61:00 PM” is not a date and time such as 12/01/2022 09:02:11 AM.")
    ]
    ana = report.rows[1]
    assert (ana.name, ana.original_name, ana.email) == ("Ana C", "Ana Costa", "ana.costa@cluster-pt.example")
    assert ana.joined == dt.datetime(2022, 12, 1, 8, 58, 10, tzinfo=BRUSSELS)
    guest = report.rows[4]
    assert (guest.name, guest.email) == ("chloe  dubois", "")


def test_the_teams_report_in_utf16_reads_the_per_join_section_after_the_summary():
    report = parse_report(sample("teams_attendance.csv"), zone=BRUSSELS, days=DAY)
    assert report.platform == "teams"
    assert [r.name for r in report.rows].count("Costa, Ana") == 2  # the two joins, not the one summary row
    assert report.errors == [(27, "Line 27: “soon” is not a date and time such as 12/01/2022 09:02:11 AM.")]
    chloe = next(r for r in report.rows if r.name.startswith("Chlo"))
    assert (chloe.name, chloe.original_name, chloe.duration_minutes) == ("Chloé Dubois", "Guest", 80)
    assert report.rows[0].left == dt.datetime(2022, 12, 1, 17, 5, 40, tzinfo=BRUSSELS)  # "5:05:40\u202fPM"


def test_a_teams_report_without_the_activities_section_reads_the_participants():
    lines = sample("teams_attendance.csv").decode("utf-16").split("3. In-Meeting Activities")[0]
    report = parse_report(lines.encode("utf-16"), zone=BRUSSELS, days=DAY)
    assert [r.name for r in report.rows].count("Costa, Ana") == 1
    assert report.errors == []


def test_a_teams_row_without_email_falls_back_to_the_sign_in_name():
    data = (
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n"
        "Ana Costa\t12/1/22, 9:00:00 AM\t12/1/22, 10:00:00 AM\t1h\t\tAna.Costa@cluster-pt.example\tAttendee\r\n"
    ).encode("utf-16")
    assert parse_report(data, zone=BRUSSELS, days=DAY).rows[0].email == "ana.costa@cluster-pt.example"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("83", 83), ("1h 23m 5s", 83 + 5 / 60), ("23m 5s", 23 + 5 / 60), ("45s", 0.75), ("2h", 120), ("1:02:30", 62.5)],
)
def test_durations_in_the_forms_the_platforms_write(text, minutes):
    assert parse_duration(text) == pytest.approx(minutes)


def test_times_in_zoom_and_teams_forms_are_read_in_the_meetings_zone():
    expected = dt.datetime(2022, 12, 1, 9, 2, 11, tzinfo=BRUSSELS)
    assert parse_time("12/01/2022 09:02:11 AM", BRUSSELS) == expected
    assert parse_time("12/1/22, 9:02:11\u202fAM", BRUSSELS) == expected
    assert parse_time("2022-12-01T08:02:11+00:00", BRUSSELS) == expected
    assert parse_time("31/12/2022 09:02", BRUSSELS) is None  # month first unless told otherwise
    assert parse_time("31/12/2022 09:02", BRUSSELS, "dmy") == dt.datetime(2022, 12, 31, 9, 2, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Name,Email,Minutes\nAna,ana@example.org,30\n", "lacks the columns Join Time, Leave Time and Duration"),
        (b"", "The file is empty"),
        (b"%PDF-1.7\n...", "This is a PDF"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00", "This is not a text file"),
        (b"\xff\xfeN\x00a\x00\x00\xd8", "claims to be UTF-16 text but is not"),
        (b"Name,Email,Join Time,Leave Time,Duration (Minutes)\n", "The participant list in this file is empty"),
        (b"Name,Email,Join Time,Leave Time,Duration (Minutes)\nAna,a@x.eu,yesterday,today,3\n", "No row of this file"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, message):
    with pytest.raises(ReportError, match=message):
        parse_report(data, zone=BRUSSELS, days=DAY)


# -- Importing into a session ------------------------------------------------------------------------------------


def minutes(session):
    return {a.application.applicant.full_name: (a.present, a.minutes, a.source) for a in session.attendance.all()}


def test_the_zoom_preview_matches_by_email_then_name_and_lists_the_rest_without_saving(
    client, session, cohort, organiser
):
    response = upload(client, session, sample("zoom_participants.csv"))
    plan = response.context["plan"]
    html = response.content.decode()
    found = {
        e.application.applicant.full_name: (e.minutes, [p.matched_by for p in e.people]) for e in plan.matched.values()
    }
    # Ana rejoined: 09:00–09:40 and 09:45–10:30 count, her afternoon does not; Chloé joined as a guest by name.
    assert found == {"Ana Costa": (85, ["email"]), "Bruno Keller": (90, ["email"]), "Chloé Dubois": (80, ["name"])}
    assert sorted(p.label for p in plan.unmatched) == [
        "ECCP Events <events@clustercollaboration.eu>",
        "Eve Martin <eve@elsewhere.example>",
        "iPhone de Marc",
    ]
    assert "Line 12: “12/01/2022 13:61:00 PM” is not a date and time" in html
    assert "Participant for “iPhone de Marc”" in html
    assert not Attendance.objects.exists()


def test_confirming_with_unreadable_rows_needs_the_box_ticked(client, session, cohort, organiser):
    preview = upload(client, session, sample("zoom_participants.csv"))
    response = confirm(client, session, preview, skip=False)
    assert "Some rows cannot be read: tick this box" in response.content.decode()
    assert not Attendance.objects.exists()


def test_confirming_saves_the_matched_and_the_hand_matched_participants(client, session, cohort, organiser):
    preview = upload(client, session, sample("zoom_participants.csv"))
    response = confirm(client, session, preview, matches={"iPhone de Marc": cohort["dana"]})
    assert (
        "Imported the attendance of 4 participants. 2 people of the report were left unmatched."
        in response.content.decode()
    )
    assert minutes(session) == {
        "Ana Costa": (True, 85, Source.IMPORT),
        "Bruno Keller": (True, 90, Source.IMPORT),
        "Chloé Dubois": (True, 80, Source.IMPORT),
        "Dana Novak": (True, 15, Source.IMPORT),
    }
    ana = session.attendance.get(application=cohort["ana"])
    assert ana.camera_on is None  # Zoom does not say; the roll call does
    assert (ana.imported_name, ana.imported_email) == ("Ana C", "ana.costa@cluster-pt.example")


def test_a_reimport_replaces_the_imported_rows_and_never_duplicates(client, session, cohort, organiser):
    confirm(
        client,
        session,
        upload(client, session, sample("zoom_participants.csv")),
        matches={"iPhone de Marc": cohort["dana"]},
    )
    # The roll call set Ana's camera; Teams does not report cameras, so that stays.
    session.attendance.filter(application=cohort["ana"]).update(camera_on=True)
    confirm(client, session, upload(client, session, sample("teams_attendance.csv")))
    confirm(client, session, upload(client, session, sample("teams_attendance.csv")))
    assert Attendance.objects.count() == 3
    assert minutes(session) == {
        "Ana Costa": (True, 85, Source.IMPORT),
        "Bruno Keller": (True, 90, Source.IMPORT),
        "Chloé Dubois": (True, 80, Source.IMPORT),
    }  # Dana was matched by hand in the first import only, and is in the Teams report in the afternoon
    assert session.attendance.get(application=cohort["ana"]).camera_on is True


def test_a_reimport_leaves_roll_call_rows_of_people_not_in_the_report(client, session, cohort, organiser):
    Attendance.objects.create(session=session, application=cohort["dana"], present=False, source=Source.MANUAL)
    confirm(client, session, upload(client, session, sample("teams_attendance.csv")))
    assert minutes(session)["Dana Novak"] == (False, None, Source.MANUAL)


def test_the_teams_preview_lists_who_was_there_only_outside_the_session(client, session, cohort, organiser):
    plan = upload(client, session, sample("teams_attendance.csv")).context["plan"]
    assert [p.label for p in plan.outside] == ["Dana Novak <dana@cluster-si.example>"]
    assert {e.application.applicant.full_name: e.minutes for e in plan.matched.values()} == {
        "Ana Costa": 85,
        "Bruno Keller": 90,
        "Chloé Dubois": 80,
    }


def test_a_camera_column_is_read_when_the_report_has_one(client, session, cohort, organiser):
    data = (
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Camera On (Minutes)\n"
        b"Ana Costa,ana.costa@cluster-pt.example,12/01/2022 09:00:00 AM,12/01/2022 10:30:00 AM,90,80\n"
        b"Bruno Keller,bruno@cluster-de.example,12/01/2022 09:00:00 AM,12/01/2022 10:30:00 AM,90,10\n"
    )
    confirm(client, session, upload(client, session, data))
    rows = {a.application_id: (a.camera_on, a.camera_minutes) for a in session.attendance.all()}
    assert rows == {cohort["ana"].pk: (True, 80), cohort["bruno"].pk: (False, 10)}


def test_the_reports_time_zone_can_differ_from_the_editions(client, session, cohort, organiser):
    # A meeting run from a London account: 08:00 there is 09:00 in Brussels.
    data = (
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        b"Ana Costa,ana.costa@cluster-pt.example,12/01/2022 08:00:00 AM,12/01/2022 08:30:00 AM,30\n"
    )
    plan = upload(client, session, data, zone="Europe/London").context["plan"]
    assert [e.minutes for e in plan.matched.values()] == [30]


def xlsx_bytes():
    book = Workbook()
    book.active.append(["Name", "Email"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"Participant,Mail,Minutes\nAna Costa,ana.costa@cluster-pt.example,80\n", "no line has the columns"),
        (xlsx_bytes, "This is an Excel workbook"),
        (lambda: b"\x00\x01\x02garbage\x03" * 50, "This is not a text file"),
        (
            lambda: sample("zoom_participants.csv").replace(b"12/01/2022", b"2022-13-45"),
            "No row of this file could be read",
        ),
        (
            lambda: sample("zoom_participants.csv").replace(b"12/01/2022", b"12/14/2022"),
            "Nobody in this report was in the meeting",
        ),
        (lambda: b"", "The submitted file is empty"),
    ],
    ids=["wrong columns", "not a csv", "binary", "bad times", "another day", "empty"],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_changes(
    client, session, cohort, organiser, make, message
):
    Attendance.objects.create(session=session, application=cohort["ana"], present=True, minutes=90)
    response = upload(client, session, make(), zone="Europe/Brussels")
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert 'value="Europe/Brussels"' in html  # what was typed is kept
    assert minutes(session) == {"Ana Costa": (True, 90, Source.MANUAL)}


def test_an_altered_preview_is_refused(client, session, cohort, organiser):
    response = client.post(url(session), {"payload": "forged:payload", "skip_unreadable": "on"}, follow=True)
    assert "This preview has expired or was altered" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_preview_of_one_session_cannot_be_confirmed_into_another(client, edition, session, cohort, organiser):
    other = pf.session(edition, title="Business models", start=dt.time(9), end=dt.time(10, 30), day=edition.online_end)
    preview = upload(client, session, sample("teams_attendance.csv"))
    payload = preview.context["form"].initial["payload"]
    client.post(url(other), {"payload": payload, "skip_unreadable": "on"})
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("kind", ["coach of another edition", "participant"])
def test_only_the_editions_organisers_and_coaches_import(client, edition, session, cohort, kind):
    user = factories.with_role(Role.COACH, factories.edition()) if kind != "participant" else cohort["ana"].applicant
    client.force_login(user)
    assert upload(client, session, sample("zoom_participants.csv")).status_code == 403
    assert not Attendance.objects.exists()


def test_a_coach_of_the_edition_may_import(client, edition, session, cohort):
    client.force_login(factories.with_role(Role.COACH, edition))
    confirm(client, session, upload(client, session, sample("teams_attendance.csv")))
    assert Attendance.objects.count() == 3

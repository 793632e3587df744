"""Attendance exports: one row per participant and session, as CSV or XLSX."""

from django.utils.translation import gettext as _

from academy.exports import csv_rows, xlsx_bytes

from .models import Source
from .queries import attendance_grid


def attendance_rows(edition):
    """Header, then one row per confirmed participant and session (breaks left out); three queries.

    What is the same for every row of a session (title, part, start) and the translated words are computed once:
    the export stays fast for a large cohort."""
    people, sessions, records = attendance_grid(edition)
    zone = edition.zone
    yes_no = {None: "", True: _("yes"), False: _("no")}
    sources = dict(Source.choices)
    columns = [
        (s.pk, [s.title, s.get_part_display(), s.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")])
        for s in sessions
    ]
    yield [
        _("Participant"),
        _("E-mail"),
        _("Organisation"),
        _("Session"),
        _("Part"),
        _("Starts (%(zone)s)") % {"zone": edition.time_zone},
        _("Present"),
        _("Minutes"),
        _("Camera on"),
        _("Minutes with camera on"),
        _("Source"),
    ]
    for person in people:
        who = [
            person.applicant.full_name or person.applicant.email,
            person.applicant.email,
            person.organisation.name if person.organisation else "",
        ]
        for session_id, session_cells in columns:
            row = records.get((person.pk, session_id))
            if row is None:
                yield [*who, *session_cells, "", "", "", "", ""]
                continue
            yield [
                *who,
                *session_cells,
                yes_no[row.present],
                "" if row.minutes is None else row.minutes,
                yes_no[row.camera_on],
                "" if row.camera_minutes is None else row.camera_minutes,
                str(sources[row.source]),
            ]


def _header_and_rows(edition):
    rows = attendance_rows(edition)
    return next(rows), rows


def attendance_csv(edition):
    return "".join(csv_rows(*_header_and_rows(edition))).encode("utf-8")


def attendance_xlsx(edition):
    header, rows = _header_and_rows(edition)
    return xlsx_bytes(header, rows, title=_("Attendance"))

"""Reading the participant reports of video platforms, as they export them. Pure functions: bytes in, rows and
errors out; nothing here touches the database.

Zoom (Reports → Usage → Participants, CSV, UTF-8, comma-separated): an optional meeting block, then
    Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
with one row per join (a person who rejoined has several rows) and times like 12/01/2022 09:02:11 AM.
Older exports say Name (original name),Email,Join time,Leave time,Duration (minutes).

Microsoft Teams (attendance report, UTF-16, tab-separated): a summary section, then
    Name	First Join	Last Leave	In-Meeting Duration	Email	Participant ID (UPN)	Role
with durations like 1h 23m 5s and times like 12/1/22, 9:02:11 AM; newer reports add a section
"3. In-Meeting Activities" with one row per join, which is read instead when present.

Neither platform reports the camera reliably. An optional column "Camera On (Minutes)" (a number) or "Video"
(On/Off, Yes/No) is read when present; otherwise the camera stays unknown and the roll call sets it.
"""

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy import imports
from academy.core.errors import Refused
from academy.exports import FORMULA_STARTS

from . import report_dates

ALIASES = {
    "name": {"name (original name)", "name", "full name", "participant name"},
    "email": {"user email", "email", "e-mail", "email address"},
    "upn": {"participant id (upn)", "upn"},
    "join": {"join time", "first join", "first join time"},
    "leave": {"leave time", "last leave", "last leave time"},
    "duration": {"duration (minutes)", "duration", "in-meeting duration", "attendance duration"},
    "camera_minutes": {"camera on (minutes)", "camera (minutes)"},
    "video": {"video", "camera", "camera on"},
    "waiting": {"in waiting room", "waiting room"},
    "total": {"total duration (minutes)", "total duration"},
}
REQUIRED = ("name", "join", "leave", "duration")
LABELS = {
    "name": gettext_lazy("Name"),
    "join": gettext_lazy("Join Time"),
    "leave": gettext_lazy("Leave Time"),
    "duration": gettext_lazy("Duration (Minutes)"),
}
MAX_MINUTES = 7 * 24 * 60  # a meeting report covers a day; a week is already absurd
SECTION = re.compile(r"^\d+\.\s+\S")
HMS = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$", re.IGNORECASE)
ZOOM_NAME = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
EXPECTED = (
    "Zoom: Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes); "
    "Teams: Name, First Join, Last Leave, In-Meeting Duration, Email"
)


class ReportError(Refused):
    """The file as a whole cannot be read: nothing is imported."""

    status = 422


@dataclass(frozen=True)
class ReportRow:
    line: int
    name: str
    original_name: str
    email: str
    joined: dt.datetime
    left: dt.datetime
    duration_minutes: float
    camera_minutes: int | None = None
    camera_on: bool | None = None


@dataclass
class Report:
    platform: str
    rows: list[ReportRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    read_as: str = ""  # “Read as UTF-8 text, comma-separated.”, shown on the preview
    dates: str = ""  # “Dates read as day/month/year: line 7 says …”, shown on the preview
    ignored: list[tuple[int, str]] = field(default_factory=list)  # rows that are not attendance, with the reason


def decode(data: bytes):
    """The report's text and how it was encoded (academy.imports: UTF-8, UTF-16, Windows-1252)."""
    try:
        decoded = imports.decode(data)
        imports.check_line_lengths(decoded.text.splitlines())
    except imports.FileUnreadable as unreadable:
        raise ReportError(str(unreadable)) from None
    return decoded


def _cells(line, delimiter):
    return [c.strip() for c in next(csv.reader(io.StringIO(line), delimiter=delimiter), [])]


def _header_columns(cells, *, complete=True):
    """{key: index} of the columns found in a header line; None if `complete` and a required one is missing."""
    wanted = {}
    for index, cell in enumerate(cells):
        label = cell.strip().strip('"').lower()
        for key, names in ALIASES.items():
            if label in names and key not in wanted:
                wanted[key] = index
    return wanted if not complete or all(k in wanted for k in REQUIRED) else None


def _find_table(lines):
    """Return (header index, delimiter, columns) of the participant table; a per-join table wins over a summary one."""
    found, best = [], (0, 0, ",", {})
    for index, line in enumerate(lines):
        delimiter = imports.best_delimiter(line, lambda cells: len(_header_columns(cells, complete=False)))
        partial = _header_columns(_cells(line, delimiter), complete=False)
        if len(partial) > best[0]:
            best = (len(partial), index, delimiter, partial)
        if all(k in partial for k in REQUIRED):
            per_join = _cells(line, delimiter)[partial["join"]].lower() == "join time"
            found.append((per_join, index, delimiter, partial))
    if not found:
        _refuse_table(lines, *best[1:])
    found.sort(key=lambda f: (not f[0], f[1]))
    _per_join, index, delimiter, columns = found[0]
    return index, delimiter, columns


def _refuse_table(lines, index, delimiter, columns):
    """Say which columns a participant report needs that the file's likeliest header line lacks."""
    if "name" in columns and ("total" in columns or "duration" in columns) and "join" not in columns:
        raise ReportError(
            _(
                "Line %(line)d is the header of Zoom's “unique users” list: it gives each person's total time in "
                "the meeting but not when they joined and left, so the minutes within this session cannot be told. "
                "In Zoom, open Reports → Usage → Participants, untick “Show unique users” and export again."
            )
            % {"line": index + 1}
        )
    missing = [str(LABELS[key]) for key in REQUIRED if key not in columns]
    if not columns:
        first = next((line.strip() for line in lines if line.strip()), "")
        raise ReportError(
            _("The file has no participant list: no line has the columns %(missing)s of a participant report. ")
            % {"missing": _and(missing)}
            + _("Its first line is: “%(first)s”. ") % {"first": first[:150]}
            + _("Expected, as exported: %(expected)s.") % {"expected": EXPECTED}
        )
    raise ReportError(
        _(
            "The file has no participant list: its header (line %(line)d, “%(header)s”) lacks the columns "
            "%(missing)s. Is it a registration list or another report? Export the participant report: in Zoom, "
            "Reports → Usage → Participants → Export; in Teams, the meeting's Attendance report → Download."
        )
        % {"line": index + 1, "header": ", ".join(_cells(lines[index], delimiter))[:150], "missing": _and(missing)}
    )


def _and(words):
    if len(words) == 1:
        return words[0]
    return _("%(some)s and %(last)s") % {"some": ", ".join(words[:-1]), "last": words[-1]}


def parse_time(value, zone, order=report_dates.MONTH_FIRST):
    return report_dates.parse(value, order, zone)


def parse_duration(value):
    """Minutes from 83, 83.5, 1h 23m 5s, 23m 5s or 1:23:05; None when unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.startswith(("-", "+")):
        return None  # a negative duration is a broken report (and "+1" a formula in a spreadsheet)
    try:
        minutes = float(value)
    except ValueError:
        pass
    else:
        return minutes if math.isfinite(minutes) and minutes <= MAX_MINUTES else None
    if re.fullmatch(r"\d+:\d{2}:\d{2}", value):
        h, m, s = (int(x) for x in value.split(":"))
        return _bounded(h * 60 + m + s / 60)
    match = HMS.match(value)
    if match and any(match.groups()):
        h, m, s = (int(x or 0) for x in match.groups())
        return _bounded(h * 60 + m + s / 60)
    return None


def _bounded(minutes):
    return minutes if minutes <= MAX_MINUTES else None


def _flag(value):
    value = value.strip().lower()
    if value in {"on", "yes", "true", "1"}:
        return True
    if value in {"off", "no", "false", "0"}:
        return False
    return None if not value else "bad"


def _cell(cells, columns, key):
    index = columns.get(key)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _split_name(name):
    """Zoom's “Name (Original Name)” and Teams' “Name (Guest)”; a formula-looking cell stays whole."""
    if not name.startswith(FORMULA_STARTS) and (match := ZOOM_NAME.match(name)) and match.group(1).strip():
        return match.group(1).strip(), match.group(2).strip()
    return name, ""


def _row(cells, columns, line, zone, order):
    def cell(key):
        return _cell(cells, columns, key)

    name, original = _split_name(cell("name"))
    email = (cell("email") or (cell("upn") if "@" in cell("upn") else "")).lower()  # Teams: the sign-in name
    if not name and not email:
        return None, _("Line %(line)d has neither a name nor an e-mail address.") % {"line": line}
    times = {}
    for key in ("join", "leave"):
        times[key] = parse_time(cell(key), zone, order)
        if times[key] is None:
            return None, _("Line %(line)d: “%(value)s” is not a date and time such as %(example)s.") % {
                "line": line,
                "value": cell(key),
                "example": report_dates.EXAMPLES[order],
            }
    if times["leave"] < times["join"]:
        return None, _("Line %(line)d: the leave time is before the join time.") % {"line": line}
    duration = parse_duration(cell("duration"))
    if duration is None:
        return None, _("Line %(line)d: “%(value)s” is not a duration such as 83 or 1h 23m 5s.") % {
            "line": line,
            "value": cell("duration"),
        }
    camera_minutes = None
    if cell("camera_minutes"):
        camera = parse_duration(cell("camera_minutes"))
        if camera is None:
            return None, _("Line %(line)d: “%(value)s” is not a number of minutes.") % {
                "line": line,
                "value": cell("camera_minutes"),
            }
        camera_minutes = round(camera)
    camera_on = _flag(cell("video"))
    if camera_on == "bad":
        return None, _("Line %(line)d: the camera column says “%(value)s”; expected On or Off.") % {
            "line": line,
            "value": cell("video"),
        }
    return ReportRow(
        line, name, original, email, times["join"], times["leave"], duration, camera_minutes, camera_on
    ), None


def _waiting(cells, columns, line):
    """(ignored, error) for Zoom's “In Waiting Room” column: a Yes row is someone not admitted yet, not attendance."""
    flag = _flag(_cell(cells, columns, "waiting"))
    if flag == "bad":
        return False, _("Line %(line)d: the In Waiting Room column says “%(value)s”; expected Yes or No.") % {
            "line": line,
            "value": _cell(cells, columns, "waiting"),
        }
    if flag:
        who = _split_name(_cell(cells, columns, "name"))[0] or _cell(cells, columns, "email")
        return _("Line %(line)d: %(who)s was in the waiting room, not yet admitted: not attendance.") % {
            "line": line,
            "who": who or _("someone"),
        }, None
    return False, None


def _damaged(line, encoding):
    return _(
        "Line %(line)d is damaged: it is not %(encoding)s text like the rest of the file (was the file cut off "
        "there?), so it is left out rather than read wrongly. Export the report again to include it."
    ) % {"line": line, "encoding": encoding}


def _table(lines, header, delimiter):
    """(line number, cells) of the participant table's rows, up to the next section of a Teams report."""
    rows = []
    for number, line in enumerate(lines[header + 1 :], start=header + 2):
        if not line.strip() or not line.strip(delimiter + " ,"):
            continue
        if SECTION.match(line.strip()) and len(_cells(line, delimiter)) <= 1:
            break
        rows.append((number, _cells(line, delimiter)))
    return rows


def parse_report(data: bytes, *, zone, days=()) -> Report:
    """Read a Zoom or Teams participant report; raise ReportError when the file as a whole is unreadable.

    Naive times are read in `zone` (the meeting's zone); the order of day and month is decided from the file and,
    when its values fit both, from `days` (the session's dates). Rows that cannot be read are listed in `errors`,
    rows that are not attendance (the waiting room) in `ignored`."""
    decoded = decode(data)
    lines = decoded.text.splitlines()
    header, delimiter, columns = _find_table(lines)
    header_cells = [c.lower() for c in _cells(lines[header], delimiter)]
    zoom = {"name (original name)", "user email", "in waiting room", "guest", "recording consent"} & set(header_cells)
    teams = not zoom and (
        delimiter == "\t"
        or "in-meeting duration" in header_cells
        or "first join" in header_cells
        or any(SECTION.match(line.strip()) for line in lines[:header])  # "1. Summary", also when saved again
    )
    report = Report(platform="teams" if teams else "zoom", read_as=imports.describe(decoded.encoding, delimiter))
    table = _table(lines, header, delimiter)
    written = [(number, _cell(cells, columns, key)) for number, cells in table for key in ("join", "leave")]
    try:
        reading = report_dates.decide(written, days=days)
    except report_dates.DatesUndecided as undecided:
        raise ReportError(str(undecided)) from None
    report.dates = reading.statement
    for number, cells in table:
        ignored, error = _waiting(cells, columns, number)
        if not error and not ignored:
            row, error = _row(cells, columns, number, zone, reading.order)
        if error:
            report.errors.append((number, error))
        elif ignored:
            report.ignored.append((number, ignored))
        else:
            report.rows.append(row)
    last = table[-1][0] if table else header + 1
    for number in decoded.damaged:
        if header + 1 < number <= last + 1:  # a damaged row of the table (the last one when the file was cut)
            report.errors.append((number, _damaged(number, decoded.encoding)))
    report.errors.sort()
    if not report.rows and not report.errors and not report.ignored:
        raise ReportError(_("The participant list in this file is empty."))
    if not report.rows:
        reasons = [msg for _line, msg in sorted(report.errors + report.ignored)[:5]]
        raise ReportError(_("No row of this file could be read as attendance: ") + " ".join(reasons))
    return report

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

from academy import imports

ALIASES = {
    "name": {"name (original name)", "name", "full name", "participant name"},
    "email": {"user email", "email", "e-mail", "email address"},
    "upn": {"participant id (upn)", "upn"},
    "join": {"join time", "first join", "first join time"},
    "leave": {"leave time", "last leave", "last leave time"},
    "duration": {"duration (minutes)", "duration", "in-meeting duration", "attendance duration"},
    "camera_minutes": {"camera on (minutes)", "camera (minutes)"},
    "video": {"video", "camera", "camera on"},
}
REQUIRED = ("name", "join", "leave", "duration")
MAX_MINUTES = 7 * 24 * 60  # a meeting report covers a day; a week is already absurd
TIME_FORMATS = [
    "%m/%d/%Y %I:%M:%S %p",  # Zoom: 12/01/2022 09:02:11 AM
    "%m/%d/%y, %I:%M:%S %p",  # Teams: 12/1/22, 9:02:11 AM
    "%m/%d/%Y, %I:%M:%S %p",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y, %H:%M:%S",
    "%m/%d/%y, %H:%M:%S",
]
SECTION = re.compile(r"^\d+\.\s+\S")
HMS = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$", re.IGNORECASE)
ZOOM_NAME = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
EXPECTED = (
    "Zoom: Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes); "
    "Teams: Name, First Join, Last Leave, In-Meeting Duration, Email"
)


class ReportError(Exception):
    """The file as a whole cannot be read: nothing is imported."""


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
    found = []
    for index, line in enumerate(lines):
        delimiter = imports.best_delimiter(line, lambda cells: len(_header_columns(cells, complete=False)))
        columns = _header_columns(_cells(line, delimiter))
        if columns:
            per_join = _cells(line, delimiter)[columns["join"]].lower() == "join time"
            found.append((per_join, index, delimiter, columns))
    if not found:
        first = next((line.strip() for line in lines if line.strip()), "")
        raise ReportError(
            _("The file has no participant list with the columns of a Zoom or Teams report (%(expected)s). ")
            % {"expected": EXPECTED}
            + _("Its first line is: “%(first)s”.") % {"first": first[:150]}
        )
    found.sort(key=lambda f: (not f[0], f[1]))
    _per_join, index, delimiter, columns = found[0]
    return index, delimiter, columns


def parse_time(value, zone):
    value = value.replace("\u202f", " ").replace("\xa0", " ").strip()
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        parsed = None
        for fmt in TIME_FORMATS:
            try:
                parsed = dt.datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


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


def _row(cells, columns, line, zone):
    def cell(key):
        index = columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name, original = cell("name"), ""
    email = (cell("email") or (cell("upn") if "@" in cell("upn") else "")).lower()  # Teams: the sign-in name
    if match := ZOOM_NAME.match(name):  # Zoom's "Name (Original Name)", Teams' "Name (Guest)"
        name, original = match.group(1).strip(), match.group(2).strip()
    if not name and not email:
        return None, _("Line %(line)d has neither a name nor an e-mail address.") % {"line": line}
    times = {}
    for key in ("join", "leave"):
        times[key] = parse_time(cell(key), zone)
        if times[key] is None:
            return None, _("Line %(line)d: “%(value)s” is not a date and time such as 12/01/2022 09:02:11 AM.") % {
                "line": line,
                "value": cell(key),
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


def parse_report(data: bytes, *, zone) -> Report:
    """Read a Zoom or Teams participant report; raise ReportError when the file as a whole is unreadable.

    Naive times are read in `zone` (the meeting's zone); rows that cannot be read are listed in `errors`."""
    decoded = decode(data)
    lines = decoded.text.splitlines()
    header, delimiter, columns = _find_table(lines)
    header_cells = [c.lower() for c in _cells(lines[header], delimiter)]
    teams = (
        delimiter == "\t"
        or "in-meeting duration" in header_cells
        or "first join" in header_cells
        or any(SECTION.match(line.strip()) for line in lines[:header])  # "1. Summary", also when saved again
    )
    report = Report(platform="teams" if teams else "zoom", read_as=imports.describe(decoded.encoding, delimiter))
    for number, line in enumerate(lines[header + 1 :], start=header + 2):
        if not line.strip() or not line.strip(delimiter + " ,"):
            continue
        if SECTION.match(line.strip()) and len(_cells(line, delimiter)) <= 1:
            break  # the next section of a Teams report
        row, error = _row(_cells(line, delimiter), columns, number, zone)
        if error:
            report.errors.append((number, error))
        else:
            report.rows.append(row)
    if not report.rows and not report.errors:
        raise ReportError(_("The participant list in this file is empty."))
    if not report.rows:
        raise ReportError(_("No row of this file could be read: ") + " ".join(msg for _line, msg in report.errors[:5]))
    return report

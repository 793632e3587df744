"""Participant reports written the way Zoom and Teams export them on people's computers, in any language setting,
and as a spreadsheet saves them again: the tests build each file from a list of visits instead of keeping a copy
per locale."""

import csv
import datetime as dt
import io
from dataclasses import dataclass

# How the exporting computer writes a date and time (strftime; %-d is "day without a leading zero").
LOCALES = {
    "en-US": "%m/%d/%Y %I:%M:%S %p",  # Zoom in the United States
    "en-US teams": "%-m/%-d/%y, %-I:%M:%S\u202f%p",  # Teams in the United States
    "en-GB": "%d/%m/%Y, %H:%M:%S",  # day first, 24-hour clock
    "en-AU": "%d/%m/%Y %I:%M:%S %p",  # day first, 12-hour clock
    "fr-FR": "%d/%m/%Y %H:%M",
    "de-DE": "%d.%m.%Y %H:%M",  # dotted, four-digit year
    "de-DE teams": "%-d.%-m.%y, %H:%M:%S",  # dotted, two-digit year
    "sv-SE": "%Y-%m-%d %H:%M:%S",  # ISO
}


@dataclass(frozen=True)
class Visit:
    name: str
    email: str
    joined: dt.datetime  # wall-clock time in the meeting's zone
    left: dt.datetime
    waiting: bool = False

    @property
    def minutes(self):
        return round((self.left - self.joined).total_seconds() / 60)


def day(date, hour, minute=0):
    return dt.datetime.combine(date, dt.time(hour, minute))


def cohort_visits(date):
    """A morning on `date` for the cohort of tests/programme/importing.py, with a session from 09:00 to 10:30.

    Ana rejoins (85 minutes within the session), Bruno appears as "Keller, Bruno" (90), Chloé joins as a guest
    without an address and is matched by her accented name (80), Dana waits in the waiting room from 08:50 and is
    admitted at 09:05 (45), Eve is not in the cohort, and the host is there all day."""
    return [
        Visit("ECCP Events", "events@clustercollaboration.eu", day(date, 8, 55), day(date, 17, 5)),
        Visit("Ana Costa", "ana.costa@cluster-pt.example", day(date, 8, 58), day(date, 9, 40)),
        Visit("Dana Novak", "dana@cluster-si.example", day(date, 8, 50), day(date, 9, 5), waiting=True),
        Visit("Keller, Bruno", "bruno@cluster-de.example", day(date, 9), day(date, 10, 30)),
        Visit("Ana Costa", "ana.costa@cluster-pt.example", day(date, 9, 45), day(date, 12, 30)),
        Visit("Dana Novak", "dana@cluster-si.example", day(date, 9, 5), day(date, 9, 50)),
        Visit("Chloé Dubois", "", day(date, 9, 10), day(date, 10, 30)),
        Visit("Eve Martin", "eve@elsewhere.example", day(date, 9), day(date, 10)),
    ]


def zoom(visits, locale, *, waiting_room=True):
    """Reports → Usage → Participants → Export, with the meeting block above the participant table."""
    fmt = LOCALES[locale]
    first, last = min(v.joined for v in visits), max(v.left for v in visits)
    rows = [
        ["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"],
        ["812 3456 7890", "Cluster Booster Academy", first.strftime(fmt), last.strftime(fmt), visits[0].email]
        + [str(round((last - first).total_seconds() / 60)), str(len(visits))],
        [],
        ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"]
        + (["In Waiting Room"] if waiting_room else []),
    ]
    for v in visits:
        if v.waiting and not waiting_room:
            continue
        row = [
            v.name,
            v.email,
            v.joined.strftime(fmt),
            v.left.strftime(fmt),
            str(v.minutes),
            "No" if v.email else "Yes",
        ]
        rows.append(row + (["Yes" if v.waiting else "No"] if waiting_room else []))
    return rows


def teams(visits, locale):
    """The Teams attendance report: a summary, the participants (first join, last leave) and one row per join."""
    fmt = LOCALES[locale]
    visits = [v for v in visits if not v.waiting]  # Teams lists only people in the meeting
    people = {}
    for v in visits:
        people.setdefault(v.email or v.name, []).append(v)
    rows = [
        ["1. Summary"],
        ["Meeting title", "Cluster Booster Academy"],
        ["Attended participants", str(len(people))],
        ["Start time", min(v.joined for v in visits).strftime(fmt)],
        [],
        ["2. Participants"],
        ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"],
    ]
    for group in people.values():
        v = group[0]
        total = sum(x.minutes for x in group)
        first, last = min(x.joined for x in group), max(x.left for x in group)
        name = v.name if v.email else f"{v.name} (Guest)"
        rows.append([name, first.strftime(fmt), last.strftime(fmt), _hm(total), v.email, v.email, "Attendee"])
    rows += [[], ["3. In-Meeting Activities"], ["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"]]
    for v in visits:
        name = v.name if v.email else f"{v.name} (Guest)"
        rows.append([name, v.joined.strftime(fmt), v.left.strftime(fmt), _hm(v.minutes), v.email, "Attendee"])
    return rows


def _hm(minutes):
    return f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m 0s"


def encode(rows, encoding="utf-8", delimiter=","):
    """The rows as a file: "utf-16" is Teams' own (with its byte order mark), "utf-8-sig" Excel's "CSV UTF-8",
    "cp1252" Excel's plain "CSV" on Windows."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)

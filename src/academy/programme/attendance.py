"""Attendance writes: the roll call, and an imported participant report matched to the confirmed cohort.

An import counts, per participant, the minutes they were in the meeting *during the session* (the union of their
join–leave intervals clipped to the session's time, capped by the durations the report gives), so one report of
a whole online day can be imported into each of its sessions. Matching is by e-mail, then by a unique name;
what stays unmatched is listed for the organiser to match by hand or ignore. A re-import replaces the session's
imported rows (participants matched again are updated, imported rows of people not in the new report are
deleted) and leaves rows taken by roll call for people not in the report alone."""

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record

from .attendance_import import Report, ReportError, ReportRow
from .models import Attendance, Source


@transaction.atomic
def save_roll_call(session, entries, *, by):
    """`entries` maps application ids of confirmed participants to (present, minutes, camera_on)."""
    existing = {a.application_id: a for a in Attendance.objects.select_for_update().filter(session=session)}
    now = timezone.now()
    new, changed = [], []
    for application_id, (present, minutes, camera_on) in entries.items():
        row = existing.get(application_id)
        if row is None:
            new.append(
                Attendance(
                    session=session,
                    application_id=application_id,
                    present=present,
                    minutes=minutes,
                    camera_on=camera_on,
                    source=Source.MANUAL,
                    updated_by=by,
                )
            )
        elif (row.present, row.minutes, row.camera_on) != (present, minutes, camera_on):
            if (row.present, row.minutes) != (present, minutes):
                row.source = Source.MANUAL
            row.present, row.minutes, row.camera_on = present, minutes, camera_on
            row.updated_by, row.updated_at = by, now
            changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(
        changed, ["present", "minutes", "camera_on", "source", "updated_by", "updated_at"], batch_size=200
    )
    record(
        "attendance.roll_call",
        actor=by,
        obj=session,
        edition=session.edition,
        created=len(new),
        changed=len(changed),
    )
    return len(new) + len(changed)


def normalise_name(name):
    """“Costa, Ána  ” and “ana costa” give the same key: no accents, no case, words in order."""
    if "," in name:
        last, _sep, first = name.partition(",")
        name = f"{first} {last}"
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = "".join(c if c.isalnum() else " " for c in plain.casefold()).split()
    return " ".join(sorted(words))


@dataclass
class Person:
    """Everyone in the report under one e-mail address (or, without one, one name)."""

    key: str
    name: str
    original_name: str = ""
    email: str = ""
    lines: list = field(default_factory=list)
    intervals: list = field(default_factory=list)  # clipped to the session
    duration: float = 0.0
    camera_minutes: int | None = None
    camera_on: bool | None = None
    application: object = None
    matched_by: str = ""

    @property
    def field_name(self):
        return "match-" + hashlib.sha256(self.key.encode()).hexdigest()[:12]

    @property
    def matched_by_label(self):
        return {"email": _("e-mail"), "name": _("name"), "manual": _("by hand")}.get(self.matched_by, "")

    @property
    def label(self):
        return f"{self.name} <{self.email}>" if self.email else self.name


@dataclass
class Entry:
    application: object
    people: list
    minutes: int
    camera_minutes: int | None
    camera_on: bool | None


@dataclass
class ImportPlan:
    session: object
    platform: str
    matched: dict  # application id -> Entry
    unmatched: list  # Person
    outside: list  # Person whose time does not overlap the session
    errors: list  # (line, message)
    read_as: str = ""
    dates: str = ""  # how the report's dates were read
    ignored: list = field(default_factory=list)  # (line, reason): rows that are not attendance


def _union_minutes(intervals):
    total, end = dt.timedelta(0), None
    for start, stop in sorted(intervals):
        if end is None or start > end:
            total += stop - start
            end = stop
        elif stop > end:
            total += stop - end
            end = stop
    return total.total_seconds() / 60


def people_in(rows: list[ReportRow], session):
    people = {}
    for row in rows:
        key = row.email or "name:" + normalise_name(row.name)
        person = people.setdefault(key, Person(key, row.name, row.original_name, row.email))
        person.lines.append(row.line)
        start, stop = max(row.joined, session.starts_at), min(row.left, session.ends_at)
        if stop > start:
            person.intervals.append((start, stop))
            person.duration += row.duration_minutes
        if row.camera_minutes is not None:
            person.camera_minutes = (person.camera_minutes or 0) + row.camera_minutes
        if row.camera_on is not None:
            person.camera_on = bool(person.camera_on) or row.camera_on
    return list(people.values())


def _match(person, by_email, by_name):
    if person.email and person.email in by_email:
        return by_email[person.email], "email"
    for name in (person.name, person.original_name):
        candidates = by_name.get(normalise_name(name), []) if name else []
        if len(candidates) == 1:
            return candidates[0], "name"
    return None, ""


def plan_import(report, session, participants, manual=None):
    """Match the report's people to `participants` (Applications); `manual` maps Person.key to an application id
    (or None to ignore). Raises ReportError when nobody in the report was in the meeting during the session."""
    manual = manual or {}
    people = people_in(report.rows, session)
    inside = [p for p in people if p.intervals]
    outside = [p for p in people if not p.intervals]
    if not inside:
        zone = session.edition.zone
        raise ReportError(
            _(
                "Nobody in this report was in the meeting during the session (%(start)s – %(end)s %(zone)s). "
                "Is it the report of another day, or in another time zone?"
            )
            % {
                "start": f"{session.starts_at.astimezone(zone):%d %B %Y %H:%M}",
                "end": f"{session.ends_at.astimezone(zone):%H:%M}",
                "zone": session.starts_at.astimezone(zone).tzname(),
            }
            + (" " + report.dates if report.dates else "")
        )
    by_id = {p.pk: p for p in participants}
    by_email = {p.applicant.email.lower(): p for p in participants}
    by_name = {}
    for p in participants:
        by_name.setdefault(normalise_name(p.applicant.full_name), []).append(p)
    grouped, unmatched = {}, []
    for person in inside:
        application, how = _match(person, by_email, by_name)
        if application is None and manual.get(person.key) in by_id:
            application, how = by_id[manual[person.key]], "manual"
        if application is None:
            unmatched.append(person)
            continue
        person.application, person.matched_by = application, how
        grouped.setdefault(application.pk, []).append(person)
    matched = {}
    for application_id, group in grouped.items():
        intervals = [i for p in group for i in p.intervals]
        minutes = round(min(_union_minutes(intervals), sum(p.duration for p in group)))
        cameras = [p.camera_minutes for p in group if p.camera_minutes is not None]
        flags = [p.camera_on for p in group if p.camera_on is not None]
        camera_minutes = min(sum(cameras), minutes) if cameras else None
        camera_on = any(flags) if flags else (camera_minutes * 2 >= minutes if cameras else None)
        matched[application_id] = Entry(by_id[application_id], group, minutes, camera_minutes, camera_on)
    return ImportPlan(
        session,
        report.platform,
        matched,
        unmatched,
        outside,
        report.errors,
        report.read_as,
        report.dates,
        report.ignored,
    )


@transaction.atomic
def apply_import(plan, *, by):
    """Write the plan: one row per matched participant, replacing what an earlier import of this session wrote."""
    session, now = plan.session, timezone.now()
    existing = {a.application_id: a for a in Attendance.objects.select_for_update().filter(session=session)}
    stale = [a.pk for app_id, a in existing.items() if a.source == Source.IMPORT and app_id not in plan.matched]
    Attendance.objects.filter(pk__in=stale).delete()
    new, changed = [], []
    for application_id, entry in plan.matched.items():
        row = existing.get(application_id)
        if row is None:
            row = Attendance(session=session, application_id=application_id)
            new.append(row)
        else:
            changed.append(row)
        row.present, row.minutes, row.source = entry.minutes > 0, entry.minutes, Source.IMPORT
        if entry.camera_on is not None:
            row.camera_on, row.camera_minutes = entry.camera_on, entry.camera_minutes
        row.imported_name = "; ".join(sorted({p.name for p in entry.people}))
        row.imported_email = "; ".join(sorted({p.email for p in entry.people if p.email}))
        row.updated_by, row.updated_at = by, now
    Attendance.objects.bulk_create(new)
    fields = ["present", "minutes", "camera_on", "camera_minutes", "source", "imported_name", "imported_email"]
    Attendance.objects.bulk_update(changed, [*fields, "updated_by", "updated_at"], batch_size=200)
    record(
        "attendance.imported",
        actor=by,
        obj=session,
        edition=session.edition,
        platform=plan.platform,
        matched=len(plan.matched),
        unmatched=[p.label for p in plan.unmatched],
        replaced=len(stale),
        skipped_lines=[line for line, _msg in plan.errors],
        ignored_lines=[line for line, _msg in plan.ignored],
    )
    return len(plan.matched)


def rows_to_data(report):
    """The parsed report as JSON-able data, carried (signed) from the preview to the confirmation."""
    return {
        "platform": report.platform,
        "read_as": report.read_as,
        "dates": report.dates,
        "errors": report.errors,
        "ignored": report.ignored,
        "rows": [
            [r.line, r.name, r.original_name, r.email, r.joined.isoformat(), r.left.isoformat()]
            + [r.duration_minutes, r.camera_minutes, r.camera_on]
            for r in report.rows
        ],
    }


def report_from_data(data):
    rows = [
        ReportRow(
            line, name, original, email, dt.datetime.fromisoformat(joined), dt.datetime.fromisoformat(left), *rest
        )
        for line, name, original, email, joined, left, *rest in data["rows"]
    ]
    errors, ignored = ([tuple(e) for e in data.get(key, [])] for key in ("errors", "ignored"))
    return Report(data["platform"], rows, errors, data.get("read_as", ""), data.get("dates", ""), ignored)

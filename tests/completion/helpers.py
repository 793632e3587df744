"""A small programme shaped like the call's: one session on each online day, two on each in-person day
(with a break between them that never counts), one assignment; and a participant who did everything."""

import datetime as dt

from academy.participation.models import HandIn, HomeworkAssignment
from academy.programme.models import Attendance, Kind, Part
from tests.programme import factories as programme

NOW = dt.datetime(2023, 6, 1, 12, tzinfo=dt.UTC)  # after the edition's last day


def programme_of(edition):
    """The edition's sessions by day: 2 online days (90 min each), 2 in-person days (2 × 90 min each)."""
    days = []
    for part, first in ((Part.ONLINE, edition.online_start), (Part.IN_PERSON, edition.in_person_start)):
        for offset in range(2):
            day = first + dt.timedelta(days=offset)
            sessions = [programme.session(edition, part=part, day=day, title=f"{part} {offset} morning")]
            programme.session(
                edition, part=part, day=day, start=dt.time(10, 30), end=dt.time(11), kind=Kind.BREAK, title="Break"
            )
            if part == Part.IN_PERSON:
                sessions.append(
                    programme.session(
                        edition, part=part, day=day, start=dt.time(11), end=dt.time(12, 30), title=f"{day} late"
                    )
                )
            days.append(sessions)
    return days


def assignment(edition, title="Cluster strategy canvas"):
    return HomeworkAssignment.objects.create(
        edition=edition, title=title, brief="Fill in the canvas.", due_date=dt.date(2023, 1, 31)
    )


def attend(application, sessions, *, minutes=None, camera_on=True, camera_minutes=None, present=True):
    for session in sessions:
        Attendance.objects.update_or_create(
            session=session,
            application=application,
            defaults={
                "present": present,
                "minutes": minutes,
                "camera_on": camera_on if session.part == Part.ONLINE else None,
                "camera_minutes": camera_minutes if session.part == Part.ONLINE else None,
            },
        )


def hand_in(application, assignment):
    return HandIn.objects.create(
        assignment=assignment, application=application, text="Done.", submitted_at=NOW, first_submitted_at=NOW
    )


def complete(application, days, assignments=()):
    """Present at every session, camera on, every homework handed in."""
    for sessions in days:
        attend(application, sessions)
    for work in assignments:
        hand_in(application, work)
    return application

from dataclasses import dataclass, field

from academy.accounts.access import edition_roles
from academy.accounts.models import Role
from academy.applications.queries import is_participant, participants

from .models import Attendance, Coach, Part, Session


@dataclass(frozen=True)
class Viewer:
    organiser: bool = False
    coach: bool = False
    participant: bool = False

    @property
    def may_see_links(self):
        """Video links are for the confirmed cohort, the edition's coaches and organisers (and platform admins)."""
        return self.organiser or self.coach or self.participant


def viewer(user, edition):
    """What a person is in an edition, in two queries (none for an anonymous visitor)."""
    if not user.is_authenticated or not user.is_active:
        return Viewer()
    roles = edition_roles(user, edition)
    return Viewer(
        organiser=user.is_superuser or Role.ORGANISER in roles,
        coach=Role.COACH in roles,
        participant=is_participant(user, edition),
    )


def may_see_links(user, edition):
    return viewer(user, edition).may_see_links


def sessions_of(edition):
    return Session.objects.filter(edition=edition).prefetch_related("coaches").order_by("starts_at", "pk")


@dataclass
class Day:
    date: object
    sessions: list = field(default_factory=list)


@dataclass
class PartDays:
    part: str
    label: str
    days: list = field(default_factory=list)


def timetable(edition, sessions=None):
    """Sessions grouped by part (online, then in person) and by day in the edition's zone."""
    sessions = list(sessions_of(edition) if sessions is None else sessions)
    zone = edition.zone
    parts = []
    for part in Part:
        block = PartDays(part.value, part.label)
        for session in (s for s in sessions if s.part == part):
            date = session.starts_at.astimezone(zone).date()
            if not block.days or block.days[-1].date != date:
                block.days.append(Day(date))
            block.days[-1].sessions.append(session)
        if block.days:
            parts.append(block)
    return parts


def session_data(session, zone, *, with_links):
    """One session as JSON-able data, times with their offset in `zone`; the video link only `with_links`
    (the page's JSON and the API share it, so both keep the same rule)."""
    return {
        "id": session.pk,
        "title": session.title,
        "description": session.description,
        "kind": session.kind,
        "part": session.part,
        "starts_at": session.starts_at.astimezone(zone).isoformat(),
        "ends_at": session.ends_at.astimezone(zone).isoformat(),
        "room": session.room if session.part == Part.IN_PERSON else "",
        "video_link": session.video_link if with_links and session.part == Part.ONLINE else None,
        "coaches": [{"id": c.pk, "name": c.name, "kind": c.kind} for c in session.coaches.all()],
    }


def coaches_of(edition):
    return Coach.objects.filter(edition=edition).prefetch_related("sessions").order_by("name")


def coach_profile_of(user, edition):
    if not user.is_authenticated:
        return None
    return Coach.objects.filter(edition=edition, user=user).first()


def attendance_grid(edition):
    """(participants, sessions, {(application id, session id): Attendance}) in three queries."""
    people = list(participants(edition))
    sessions = list(Session.objects.filter(edition=edition).exclude(kind="break").order_by("starts_at", "pk"))
    records = {(a.application_id, a.session_id): a for a in Attendance.objects.filter(session__edition=edition)}
    return people, sessions, records

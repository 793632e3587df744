"""Programme factories: confirmed participants, sessions typed in the edition's zone, coaches."""

import datetime as dt
import itertools

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.applications.models import Application, Status
from academy.programme.models import Coach, Part, Session
from tests import factories

_n = itertools.count(1)


def application(edition, *, status=Status.CONFIRMED, email=None, full_name=None):
    n = next(_n)
    person = factories.user(email or f"participant{n}@cluster.example", full_name=full_name or f"Participant {n:03d}")
    return Application.objects.create(edition=edition, applicant=person, status=status)


def participant(edition, **kwargs):
    """A confirmed participant's Application."""
    return application(edition, **kwargs)


def session(edition, *, part=Part.ONLINE, day=None, start=dt.time(9), end=dt.time(10, 30), **fields):
    """A session on the first day of its part, at wall-clock times in the edition's zone."""
    day = day or (edition.online_start if part == Part.ONLINE else edition.in_person_start)
    defaults = {
        "title": f"Session {next(_n)}",
        "video_link": "https://meet.example/day1" if part == Part.ONLINE else "",
        "room": "" if part == Part.ONLINE else "Room 101",
    }
    return Session.objects.create(
        edition=edition,
        part=part,
        starts_at=dt.datetime.combine(day, start, tzinfo=edition.zone),
        ends_at=dt.datetime.combine(day, end, tzinfo=edition.zone),
        **(defaults | fields),
    )


def coach(edition, *, user=None, email=None, name=None):
    """A coach profile linked to an account with the coach role (a new account unless `user` is given)."""
    user = user or factories.user(email)
    grant_role(user, edition, Role.COACH)
    return Coach.objects.create(edition=edition, user=user, name=name or user.full_name, email=user.email)

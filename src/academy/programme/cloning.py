"""Next edition: the programme's shape (its sessions, a year later at the same local times) carries over.

Coaches and experts are people of one edition, so they are not copied and sessions start with none;
the video links belong to one edition's meetings and are left empty. Attendance never carries over."""

from academy.editions.cloning import part

from .models import Session

FIELDS = ["title", "description", "kind", "part", "room"]


@part("programme.sessions")
def sessions(source, target, clone):
    rows = [
        Session(
            edition=target,
            starts_at=clone.moment(s.starts_at),
            ends_at=clone.moment(s.ends_at),
            **{name: getattr(s, name) for name in FIELDS},
        )
        for s in Session.objects.filter(edition=source)
    ]
    return len(Session.objects.bulk_create(rows))

"""The programme as an iCalendar file: events in the edition's zone (with its VTIMEZONE), one stable UID a session."""

import datetime as dt

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Part

PRODID = "-//Booster Academy//Programme//EN"


def session_uid(session, edition):
    """Stable across edits and feeds, so a calendar updates an event instead of adding a second one."""
    return f"session-{session.pk}@{edition.slug}.booster-academy"


def _location(session, edition, with_links):
    if session.part == Part.IN_PERSON:
        return ", ".join(x for x in (session.room, edition.venue, edition.city) if x)
    return session.video_link if with_links and session.video_link else _("Online")


def _description(session, with_links):
    parts = [session.description.strip()] if session.description.strip() else []
    coaches = [c.name for c in session.coaches.all()]
    if coaches:
        parts.append(_("With: %(names)s") % {"names": ", ".join(coaches)})
    if session.part == Part.ONLINE and session.video_link:
        if with_links:
            parts.append(_("Join: %(link)s") % {"link": session.video_link})
        else:
            parts.append(_("The video link is in the personal calendar of participants, coaches and organisers."))
    return "\n\n".join(parts)


def programme_calendar(edition, sessions, *, with_links, name=None):
    """Return the iCalendar bytes for `sessions` (coaches prefetched); links only when `with_links`."""
    zone = edition.zone
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name or edition.name)
    cal.add("x-wr-timezone", edition.time_zone)
    for session in sessions:
        event = Event()
        event.add("uid", session_uid(session, edition))
        event.add("dtstamp", session.updated_at.astimezone(dt.UTC))
        event.add("last-modified", session.updated_at.astimezone(dt.UTC))
        event.add("dtstart", session.starts_at.astimezone(zone))
        event.add("dtend", session.ends_at.astimezone(zone))
        event.add("summary", session.title)
        event.add("categories", [session.get_kind_display()])
        event.add("location", _location(session, edition, with_links))
        description = _description(session, with_links)
        if description:
            event.add("description", description)
        if with_links and session.part == Part.ONLINE and session.video_link:
            event.add("url", session.video_link)
        cal.add_component(event)
    # The VTIMEZONE for the edition's zone, with the transitions of the years around the edition only.
    cal.add_missing_timezones(first_date=dt.date(edition.year - 1, 1, 1), last_date=dt.date(edition.year + 2, 1, 1))
    return cal.to_ical()

"""Times as people read them: in the edition's zone, with the zone's abbreviation ("09:30 CET").

Times are stored in UTC. Every page, mail, PDF and label that shows a time goes through `in_zone` (or,
in templates, the `zones` filters: `{{ moment|in_zone:edition|date:"H:i T" }}`, `{{ moment|when:edition }}`),
so no page shows the server's zone or UTC by accident."""

import datetime

from django.utils import formats, timezone

FULL = "j F Y, H:i"


def in_zone(moment, edition):
    """The aware datetime `moment` as the edition's local time (None stays None)."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        raise ValueError("Times are stored in UTC: a naive datetime has no zone to convert from.")
    return moment.astimezone(edition.zone)


def format_in_zone(moment, edition, fmt=FULL):
    """`moment` in the edition's zone followed by the zone's abbreviation, e.g. '9 March 2023, 09:30 CET';
    '' for None. `fmt` is a Django date format without the zone."""
    local = in_zone(moment, edition)
    return "" if local is None else formats.date_format(local, f"{fmt} T")


def short_formatter(edition):
    """A function equal to `format_in_zone(moment, edition, "j M Y, H:i")` ('9 Mar 2023, 09:30 CET') for a list's
    many rows: Django's date formatting builds a formatter and translates the month's name per call, this
    translates the twelve names once."""
    months = {m: formats.date_format(datetime.date(2000, m, 1), "M") for m in range(1, 13)}

    def short(moment):
        local = in_zone(moment, edition)
        if local is None:
            return ""
        return f"{local.day} {months[local.month]} {local.year:04d}, {local:%H:%M} {local.tzname()}"

    return short

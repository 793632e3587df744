"""Times as people read them: in the edition's zone, with the zone's abbreviation ("09:30 CET").

Times are stored in UTC. Every page, mail, PDF and label that shows a time goes through `in_zone` (or,
in templates, the `zones` filters: `{{ moment|in_zone:edition|date:"H:i T" }}`, `{{ moment|when:edition }}`),
so no page shows the server's zone or UTC by accident."""

from functools import lru_cache

from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS, MONTHS_3

FULL = "j F Y, H:i"
EXACT = "j F Y, H:i:s"  # submissions: the second counts at a deadline
SHORT = "j M Y, H:i"  # a list's many rows

# The Django date format letters that `format_in_zone` fills in itself, as str.format fields of
# (local time, zone abbreviation, month name, short month name); any other letter goes to Django.
_FIELDS = {
    "j": "{0.day}",
    "d": "{0.day:02d}",
    "Y": "{0.year:04d}",
    "H": "{0.hour:02d}",
    "i": "{0.minute:02d}",
    "s": "{0.second:02d}",
    "T": "{1}",
    "F": "{2}",
    "M": "{3}",
}


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
    if local is None:
        return ""
    pattern = _pattern(f"{fmt} T")
    if pattern is None:
        return formats.date_format(local, f"{fmt} T")
    months, short_months = _month_names(translation.get_language())
    return pattern.format(local, local.tzname(), months[local.month], short_months[local.month])


@lru_cache(maxsize=64)
def _pattern(fmt):
    """The Django date format `fmt` as a str.format pattern (see _FIELDS), None if it has another letter: Django's
    own formatting reads the format letter by letter and translates the month's name on every call, a few times
    the cost of this on pages that show several times."""
    pattern = []
    for char in fmt:
        if char in _FIELDS:
            pattern.append(_FIELDS[char])
        elif char.isalpha() or char == "\\":
            return None
        else:
            pattern.append(char.replace("{", "{{").replace("}", "}}"))
    return "".join(pattern)


@lru_cache(maxsize=16)
def _month_names(language):
    """The month names (as Django's formats F and M give them) in `language`, the active language."""
    with translation.override(language):
        return {m: str(MONTHS[m]) for m in MONTHS}, {m: str(MONTHS_3[m]).title() for m in MONTHS_3}

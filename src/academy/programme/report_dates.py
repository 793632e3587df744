"""The dates and times of a participant report, in whatever form the exporting computer wrote them. Pure functions.

A report's times follow the language settings of the computer (Teams) or account (Zoom) that exported it:
    12/01/2022 09:02:11 AM   12/1/22, 9:02:11 AM     month first, 12-hour clock (United States)
    01/12/2022, 09:02:11     1/12/2022 9:02          day first, 24-hour clock (United Kingdom, France, Spain…)
    01.12.2022 09:02         1.12.22, 09:02:11       dotted, day first (Germany, Poland, Finland…)
    2022-12-01 09:02:11      2022-12-01T08:02:11Z    ISO 8601 (Sweden, Lithuania, saved again by a spreadsheet)
The order of day and month is one per file, decided from the file itself: a value over 12 in the first place
shows day first, in the second place month first; when every value fits both orders, the order that puts the
dates on the session's day wins. A file whose order still cannot be told is refused, naming the line that shows
why; it is never guessed.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.core.errors import Refused

DAY_FIRST, MONTH_FIRST, YEAR_FIRST = "dmy", "mdy", "ymd"
ORDERS = {
    DAY_FIRST: gettext_lazy("day/month/year"),
    MONTH_FIRST: gettext_lazy("month/day/year"),
    YEAR_FIRST: gettext_lazy("year-month-day"),
}
EXAMPLES = {DAY_FIRST: "01/12/2022 09:02:11", MONTH_FIRST: "12/01/2022 09:02:11 AM", YEAR_FIRST: "2022-12-01 09:02:11"}
VALUE = re.compile(
    r"""(?P<a>\d{1,4})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})\.?   # 12/01/2022, 1.12.22, 2022-12-01
        (?:\s*,\s*|\s+|T)                                                    # ", " or " " or "T"
        (?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2})(?:[.,]\d+)?)?
        (?:\s*(?P<half>[ap])\.?\s?m\.?)?                                   # AM, pm, a.m.""",
    re.IGNORECASE | re.VERBOSE,
)
ZONED = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*(?:Z|[+-]\d{2}:?\d{2})$")


class DatesUndecided(Refused):
    """The order of day and month in this file cannot be told; the message names the line that shows it."""

    status = 422


@dataclass(frozen=True)
class Written:
    """A date and time as written, before the order of its day and month is known."""

    text: str
    a: int
    b: int
    c: int
    year_first: bool
    hour: int
    minute: int
    second: int
    half: str  # "a", "p" or "" (24-hour clock)
    aware: dt.datetime | None = None  # an ISO value with its offset: no order, no zone to apply

    def fits(self):
        """The orders (day first, month first) under which the date exists."""
        if self.year_first or self.aware:
            return {YEAR_FIRST}
        return {order for order in (DAY_FIRST, MONTH_FIRST) if self.date(order)}

    def date(self, order):
        if order == YEAR_FIRST:
            year, month, day = self.a, self.b, self.c
        else:
            day, month, year = (self.a, self.b, self.c) if order == DAY_FIRST else (self.b, self.a, self.c)
        year = 2000 + year if year < 100 else year
        if not (1 <= month <= 12 and 1900 <= year <= 2999) or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return dt.date(year, month, day)


def written(value):
    """The parts of a date and time as a report writes them, or None when it is not one."""
    value = value.replace("\u202f", " ").replace("\xa0", " ").strip()
    if ZONED.match(value):
        try:
            aware = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        return Written(value, aware.year, aware.month, aware.day, True, aware.hour, aware.minute, 0, "", aware)
    match = VALUE.fullmatch(value)
    if not match:
        return None
    a, b, c = (int(match[k]) for k in "abc")
    year_first = len(match["a"]) == 4
    if not year_first and len(match["c"]) not in (2, 4):
        return None
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    return Written(value, a, b, c, year_first, hour, minute, second, (match["half"] or "").lower())


def parse(value, order, zone):
    """The moment `value` names when its dates are in `order`, in `zone` unless it carries an offset; or None."""
    parts = written(value)
    if parts is None:
        return None
    if parts.aware:
        return parts.aware
    date = parts.date(YEAR_FIRST if parts.year_first else order)
    hour = parts.hour
    if parts.half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if parts.half == "p" else 0)
    if date is None or hour > 23 or parts.minute > 59 or parts.second > 59:
        return None
    return dt.datetime.combine(date, dt.time(hour, parts.minute, parts.second), tzinfo=zone)


@dataclass(frozen=True)
class Reading:
    order: str
    statement: str  # “Dates read as day/month/year: line 7 says “13/12/2022 09:02”, …”, shown on the preview


def decide(values, *, days=()):
    """How to read the dates of one file. `values` are (line, text) of its join and leave cells; `days` the
    session's dates, which decide when every value fits both orders. Raise DatesUndecided when nothing does."""
    found = [(line, parts) for line, text in values if (parts := written(text))]
    ambiguous = [(line, parts) for line, parts in found if parts.fits() != {YEAR_FIRST} and parts.fits()]
    if not ambiguous:
        if any(parts.fits() == {YEAR_FIRST} for _line, parts in found):
            return Reading(YEAR_FIRST, _("Dates read as year-month-day (ISO 8601)."))
        return Reading(MONTH_FIRST, "")  # no readable date at all: every row says so on its own
    only = {}
    for line, parts in ambiguous:
        fits = parts.fits()
        if len(fits) == 1:
            only.setdefault(fits.pop(), (line, parts))
    if len(only) == 2:
        (dl, day_first), (ml, month_first) = only[DAY_FIRST], only[MONTH_FIRST]
        raise DatesUndecided(
            _(
                "The dates of this file contradict each other: line %(dl)d says “%(dv)s”, which can only be "
                "day/month/year, and line %(ml)d says “%(mv)s”, which can only be month/day/year. Export the report "
                "again from Zoom or Teams rather than a file whose dates were edited."
            )
            % {"dl": dl, "dv": day_first.text, "ml": ml, "mv": month_first.text}
        )
    if only:
        order, (line, parts) = only.popitem()
        return Reading(
            order,
            _("Dates read as %(order)s: line %(line)d says “%(value)s”, which can be read no other way.")
            % {"order": ORDERS[order], "line": line, "value": parts.text},
        )
    differing = [(line, p) for line, p in ambiguous if p.date(DAY_FIRST) != p.date(MONTH_FIRST)]
    if not differing:
        return Reading(
            MONTH_FIRST,
            _("Dates read as month/day/year; in this file day/month/year gives the same dates."),
        )
    on_day = {
        order: [line for line, p in differing if p.date(order) in set(days)] for order in (DAY_FIRST, MONTH_FIRST)
    }
    line, parts = differing[0]
    words = {
        "line": line,
        "value": parts.text,
        "dmy": _date_words(parts.date(DAY_FIRST)),
        "mdy": _date_words(parts.date(MONTH_FIRST)),
        "day": ", ".join(_date_words(d) for d in sorted(set(days))) or _("unknown"),
    }
    if bool(on_day[DAY_FIRST]) == bool(on_day[MONTH_FIRST]):
        raise DatesUndecided(
            _(
                "The order of day and month in this file cannot be told: line %(line)d says “%(value)s”, which is "
                "%(dmy)s read day first or %(mdy)s read month first; no date in the file has a day after the 12th, "
                "and the session's day (%(day)s) does not settle it. Is this the report of another day?"
            )
            % words
        )
    order = DAY_FIRST if on_day[DAY_FIRST] else MONTH_FIRST
    return Reading(
        order,
        _("Dates read as %(order)s, the order that puts them on the session's day (%(day)s): ")
        % {"order": ORDERS[order], "day": words["day"]}
        + _("line %(line)d says “%(value)s”, which is %(dmy)s read day first or %(mdy)s read month first.") % words,
    )


def _date_words(date):
    return dateformat.format(date, "j F Y")

"""`{% load zones %}`: `{{ moment|in_zone:edition|date:"H:i T" }}`, `{{ moment|when:edition }}` ("9 March 2023,
09:30 CET") and `{{ moment|when_exact:edition }}` (with the seconds), all right inside or outside a `{% timezone %}`
block; `{{ moment|utc_iso }}` for the browser, which shows it in the viewer's zone."""

import datetime

from django import template
from django.templatetags.tz import do_timezone

from academy.editions import times

register = template.Library()


@register.filter
def in_zone(moment, edition):
    """The moment in the edition's zone, kept there by the `date` filter that follows."""
    if moment in (None, ""):
        return moment
    return do_timezone(times.in_zone(moment, edition), edition.zone)


@register.filter
def when(moment, edition):
    return times.format_in_zone(moment, edition) if moment not in (None, "") else ""


@register.filter
def when_exact(moment, edition):
    return times.format_in_zone(moment, edition, times.EXACT) if moment not in (None, "") else ""


@register.filter
def utc_iso(moment):
    """What `moment|utc|date:"c"` writes, without Django's formatter."""
    return moment.astimezone(datetime.UTC).isoformat() if moment not in (None, "") else ""

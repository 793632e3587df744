"""`{% load zones %}`: `{{ moment|in_zone:edition|date:"H:i T" }}` and `{{ moment|when:edition }}`
("9 March 2023, 09:30 CET"); both right inside or outside a `{% timezone %}` block."""

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

"""`{% load mail_tags %}{% mail_log application %}`: the mails about one object, for its detail page.

The including page checks that the viewer may see the object; the log shows recipients, subjects,
states and times (the bodies stay in the outbox)."""

from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("mail/_mail_log.html")
def mail_log(obj, limit=50):
    rows = list(queries.for_related(obj).only(*queries.LIST_FIELDS, "edition_id")[:limit])
    return {"rows": rows}

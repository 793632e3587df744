"""How an answer reads on a review page, and one criterion's score out of a review."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def answer_text(value):
    """Lists joined, yes/no for booleans, a file's name, "No answer" for nothing."""
    if value is None or value == "" or value == []:
        return _("No answer")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return value.get("name") or value.get("filename") or _("(attached)")
    return str(value)


@register.filter
def score_for(review, criterion):
    """The score ``review`` gave ``criterion``, or an empty string."""
    value = (getattr(review, "scores", None) or {}).get(str(criterion.pk))
    return "" if value is None else value

"""`{% load headings %}`: `sentence_case`, so the sign-in pages that django-allauth draws ("Sign In",
"Verify Your Email Address") read in the site's one heading style ("Sign in", "Verify your email address")."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

_TITLE_WORD = re.compile(r"(?<=\s)([A-Z])(?=[a-z]+\b)")


def sentence_case(text):
    """Lower the capital of every Title-case word but the first; acronyms ("PDF") and "I" stay."""
    return _TITLE_WORD.sub(lambda m: m.group(1).lower(), str(text).strip())


@register.filter(name="sentence_case", is_safe=True)
def sentence_case_filter(value):
    return mark_safe(sentence_case(conditional_escape(value)))  # noqa: S308 -- escaped just before

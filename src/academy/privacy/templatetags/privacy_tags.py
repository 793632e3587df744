from django import template

from ..audit import describe

register = template.Library()
register.filter("access_label", describe)

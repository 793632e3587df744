"""Placeholders: find them in a template, refuse unknown ones, render them for one recipient.

A template is plain text with `{placeholder}` fields (`{{` and `}}` for literal braces). Only bare
names are fields: no attribute access, indexing, conversion or format spec, so a template can
never reach into Python objects. Values are formatted here, once: datetimes in the edition's zone
with the zone's abbreviation, dates in words, everything else as text.
"""

import datetime as dt
import string

from django.conf import settings
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from academy.core.errors import Refused

from . import purposes


class TemplateError(Refused, ValueError):
    """A template the organiser must fix; the message is in their words."""

    status = 422


_formatter = string.Formatter()


def placeholders(text):
    """The placeholder names in `text`, in order of appearance; TemplateError on malformed braces."""
    names = []
    try:
        parsed = list(_formatter.parse(text))
    except ValueError:
        raise TemplateError(
            _("A brace is not closed: write placeholders as {name}, and a literal brace as {{ or }}.")
        ) from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            shown = "{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            raise TemplateError(_("%(field)s is not a placeholder: write placeholders as {name}.") % {"field": shown})
        names.append(field)
    return names


def unknown_placeholders(purpose_key, *texts):
    allowed = purposes.get(purpose_key).allowed
    seen = []
    for text in texts:
        seen += [n for n in placeholders(text) if n not in allowed and n not in seen]
    return seen


def check(purpose_key, *texts):
    """Raise TemplateError naming every unknown placeholder, and listing the valid ones."""
    unknown = unknown_placeholders(purpose_key, *texts)
    if unknown:
        valid = ", ".join("{" + n + "}" for n in valid_placeholders(purpose_key))
        raise TemplateError(
            _("Unknown placeholder %(unknown)s. Valid placeholders here: %(valid)s.")
            % {"unknown": ", ".join("{" + n + "}" for n in unknown), "valid": valid}
        )


def valid_placeholders(purpose_key):
    purpose = purposes.get(purpose_key)
    return list(purposes.COMMON) + [p for p in purpose.placeholders if p not in purposes.COMMON]


def format_value(value, zone):
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("Mail placeholders need aware datetimes (stored UTC, shown in the edition's zone).")
        return dateformat.format(value.astimezone(zone), "j F Y, H:i T")
    if isinstance(value, dt.date):
        return dateformat.format(value, "j F Y")
    if isinstance(value, dt.timedelta):
        return ngettext("%(n)s day", "%(n)s days", value.days) % {"n": value.days}
    return "" if value is None else str(value)


def builtin_values(*, edition, to_email, to_name):
    values = {"name": to_name or to_email, "email": to_email, "site_url": settings.SITE_URL.rstrip("/")}
    if edition is not None:
        values |= {
            "edition": edition.name,
            "academy": edition.academy.name,
            "deadline": edition.deadline,
            "contact_email": edition.contact_email,
        }
    else:
        values |= {"edition": "", "academy": "Booster Academy", "deadline": "", "contact_email": ""}
    return values


class _Values(dict):
    """Missing placeholders stay visible as {name} rather than vanish from the text."""

    def __missing__(self, key):
        return "{" + key + "}"


class _SafeFormatter(string.Formatter):
    def get_field(self, field_name, args, kwargs):
        if not field_name.isidentifier():
            return "{" + field_name + "}", field_name
        return kwargs[field_name], field_name

    def format_field(self, value, format_spec):
        return value

    def convert_field(self, value, conversion):
        return value


_safe = _SafeFormatter()


def render(text, values):
    """`text` with each placeholder replaced; `values` are already formatted strings."""
    return _safe.vformat(text, (), _Values(values))


def _raw_values(edition, to_email, to_name, context):
    return builtin_values(edition=edition, to_email=to_email, to_name=to_name) | dict(context)


def render_pair(subject, body, *, edition, to_email, to_name, context):
    zone = edition.zone if edition is not None else dt.UTC
    raw = _raw_values(edition, to_email, to_name, context)
    values = {key: format_value(value, zone) for key, value in raw.items()}
    # A subject is one line, whatever a placeholder holds.
    return " ".join(render(subject, values).split()), render(body, values)


def unfilled(subject, body, *, edition, to_email, to_name, context):
    """Why this mail cannot be sent as rendered, in the organiser's words, or "" when every placeholder fills.

    A placeholder fills when this mail has a value for it (None is no value); a mail with one that does not
    would show "{version}" to its reader, so it is held instead (services.queue_mail)."""
    try:
        names = placeholders(subject) + placeholders(body)
    except TemplateError as error:
        return str(error)
    raw = _raw_values(edition, to_email, to_name, context)
    missing = [name for name in dict.fromkeys(names) if raw.get(name) is None]
    if not missing:
        return ""
    shown = ", ".join("{" + name + "}" for name in missing)
    return ngettext(
        "The placeholder %(names)s has no value for this mail. Take it out of the template (or ask for it to be "
        "filled), then try the mail again.",
        "The placeholders %(names)s have no value for this mail. Take them out of the template (or ask for them "
        "to be filled), then try the mail again.",
        len(missing),
    ) % {"names": shown}


# The context is stored on the row (JSON) so that drafts can be rendered again after a template fix.


def encode_context(context):
    out = {}
    for key, value in context.items():
        if isinstance(value, dt.datetime):
            out[key] = {"$datetime": value.isoformat()}
        elif isinstance(value, dt.date):
            out[key] = {"$date": value.isoformat()}
        elif isinstance(value, dt.timedelta):
            out[key] = {"$days": value.days}
        else:
            out[key] = value if isinstance(value, int | float | bool) or value is None else str(value)
    return out


def decode_context(data):
    out = {}
    for key, value in (data or {}).items():
        if isinstance(value, dict) and "$datetime" in value:
            out[key] = dt.datetime.fromisoformat(value["$datetime"])
        elif isinstance(value, dict) and "$date" in value:
            out[key] = dt.date.fromisoformat(value["$date"])
        elif isinstance(value, dict) and "$days" in value:
            out[key] = dt.timedelta(days=value["$days"])
        else:
            out[key] = value
    return out

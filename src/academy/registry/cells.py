"""The registry file's column converters: each turns one cell's text into the value stored, or raises
ValueError (or Django's ValidationError) with the reason in the organiser's words. The importer names the
column in front of the reason."""

import datetime as dt

from django.core.validators import URLValidator, validate_email
from django_countries import countries

from .models import Label, RegistryRole

MAX_MEMBERS = 1_000_000
TRUE, FALSE = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}


def short(value, most=60):
    """A cell quoted in a message: long enough to find, never a whole runaway line."""
    return value if len(value) <= most else value[:most] + "…"


def country(value):
    value = value.strip()
    if value.upper() in dict(countries):
        return value.upper()
    code = countries.by_name(value)
    if code:
        return code
    raise ValueError(f"“{short(value)}” is not a country code such as DE or a country name")


def members(v):
    if not v:
        return None
    if not (v.isascii() and v.isdecimal()):
        raise ValueError(f"“{v[:40]}” is not a whole number")
    if int(v) > MAX_MEMBERS:
        raise ValueError(f"{v[:40]} is more members than any cluster has")
    return int(v)


def label(v):
    v = v.lower().replace("esca", "").strip()
    if v not in Label.values:
        raise ValueError(f"“{short(v)}” is not one of gold, silver, bronze or empty")
    return v


def date(v):
    try:
        return dt.date.fromisoformat(v) if v else None
    except ValueError:
        raise ValueError(f"“{short(v)}” is not a date such as 2025-12-31") from None


def website(v):
    if len(v) > 200:
        raise ValueError(f"the address is {len(v)} characters long; at most 200 fit")
    if v:
        URLValidator()(v)
    return v


def email(v):
    if len(v) > 254:
        raise ValueError(f"the address is {len(v)} characters long; at most 254 fit")
    validate_email(v)
    return v.lower()


def role(v):
    v = v.lower()
    if v in ("manager", "manager in charge", "cluster manager"):
        return RegistryRole.MANAGER
    if v == "staff":
        return RegistryRole.STAFF
    raise ValueError(f"“{short(v)}” is not manager or staff")


def verified(v):
    if v.lower() in TRUE:
        return True
    if v.lower() in FALSE:
        return False
    raise ValueError(f"“{short(v)}” is not yes or no")


def ecosystems(v, by_key):
    """The ecosystems named in the cell (separated by ; or |), each found by its slug or name in `by_key`."""
    found = []
    for part in [p.strip() for p in v.replace("|", ";").split(";") if p.strip()]:
        eco = by_key.get(part.lower())
        if eco is None:
            raise ValueError(f"“{short(part)}” is not one of the 14 industrial ecosystems")
        found.append(eco)
    return found

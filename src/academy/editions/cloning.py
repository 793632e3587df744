"""Next edition: clone an edition's set-up, never its people.

The edition row itself (texts, dates, venue, limits) is copied here; every other app adds its own part
from a module named `cloning.py` (found automatically, so editions imports no later app):

    # academy/reviews/cloning.py
    from academy.editions.cloning import part

    @part("reviews.rubric", after=["applications.form"])
    def rubric(source, target, clone):
        Criterion.objects.bulk_create(Criterion(edition=target, name=c.name, ...) for c in source.criteria.all())
        return len(...)  # optional: how many rows it copied, for the report

Parts run in dependency order (`after` names other parts), in one transaction with the new edition.
A part copies structure only: questions, rubric, rules, templates, surveys without answers, sessions
without their people. Never applications, answers, reviews, roles, mails or anyone's profile.

Dates move by one calendar year: the same day and month a year later, 29 February becoming 28 February
(the weekday changes; organisers adjust the days they want on a weekday). Times of day stay the same in
the edition's zone, whatever daylight saving does between the two years.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from academy.accounts.models import Role
from academy.accounts.services import grant_role, record
from academy.core.errors import Refused
from academy.core.plugins import PluginRegistry

from .models import Edition

PARTS = PluginRegistry("cloning", "cloning part")

DATE_FIELDS = [
    "call_opens",
    "application_deadline",
    "review_closes",
    "online_start",
    "online_end",
    "in_person_start",
    "in_person_end",
]
# Copied as they are; dates are shifted, the name, slug and year are the new edition's own.
COPIED_FIELDS = [
    "academy",
    "time_zone",
    "venue",
    "venue_address",
    "city",
    "min_participants",
    "max_participants",
    "contact_email",
    "admit_staff",
    "summary",
    "objectives",
    "format_text",
    "who_can_apply",
    "costs",
    "how_to_apply",
]


class CloneError(Refused):
    """The clone cannot be made as asked (e.g. the short name is taken); nothing was written."""


class ImproperlyOrdered(Exception):
    """Two cloning parts wait for each other."""


@dataclass
class Part:
    name: str
    func: object
    after: tuple = ()


def part(name, *, after=()):
    """Register `func(source, target, clone)` as the part `name` ("app.what"), run after the parts in `after`."""

    def decorator(func):
        PARTS.register(name, Part(name, func, tuple(after)))
        return func

    return decorator


def parts():
    """The registered parts in an order where each runs after those it names in `after`."""
    registered = PARTS.entries()
    ordered, done, visiting = [], set(), set()

    def visit(name, chain):
        if name in done:
            return
        if name in visiting:
            raise ImproperlyOrdered(" → ".join([*chain, name]))
        visiting.add(name)
        for before in registered[name].after:
            if before in registered:
                visit(before, [*chain, name])
        visiting.discard(name)
        done.add(name)
        ordered.append(registered[name])

    for name in sorted(registered):
        visit(name, [])
    return ordered


def copy_settings(model, source, target, fields, **extra):
    """Copy the `fields` of an app's per-edition settings row (a one-to-one to Edition) to the new edition;
    0 when the source edition has none (the new one then starts from the defaults), else 1."""
    current = model.objects.filter(edition=source).first()
    if current is None:
        return 0
    model.objects.create(edition=target, **{name: getattr(current, name) for name in fields}, **extra)
    return 1


def next_year(day):
    """The same day a year later; 29 February becomes 28 February."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@dataclass
class Clone:
    """What a part needs: the two editions, the date shift, and a record of what each part copied."""

    source: Edition
    target: Edition
    by: object = None
    copied: dict = field(default_factory=dict)

    def date(self, day):
        return next_year(day)

    def moment(self, when):
        """An instant a year later at the same time of day in the source edition's zone."""
        if when is None:
            return None
        local = when.astimezone(self.source.zone)
        return dt.datetime.combine(next_year(local.date()), local.time().replace(tzinfo=None), tzinfo=self.target.zone)


def suggested(edition):
    """Name and short name for the next edition: the year in them moved on by one, or added."""
    old, new = str(edition.year), str(edition.year + 1)
    name = edition.name.replace(old, new) if old in edition.name else f"{edition.name} {new}"
    slug = edition.slug.replace(old, new) if old in edition.slug else f"{edition.slug}-{new}"
    return {"name": name, "slug": slug}


@transaction.atomic
def clone_edition(edition, *, name, slug, by):
    """Create the next edition from `edition`: its set-up a year later, and `by` as its only organiser.

    Raises CloneError, with nothing written, if the short name is taken."""
    if Edition.objects.filter(slug=slug).exists():
        raise CloneError(_("The short name “%(slug)s” is already used by another edition.") % {"slug": slug})
    target = Edition(name=name, slug=slug, year=edition.year + 1)
    for name_ in COPIED_FIELDS:
        setattr(target, name_, getattr(edition, name_))
    for name_ in DATE_FIELDS:
        setattr(target, name_, next_year(getattr(edition, name_)))
    target.full_clean(exclude=["academy"])
    target.save()
    clone = Clone(source=edition, target=target, by=by)
    for each in parts():
        clone.copied[each.name] = each.func(edition, target, clone)
    if by is not None and by.is_authenticated:
        grant_role(by, target, Role.ORGANISER, by=by)
    record("edition.cloned", actor=by, obj=target, edition=target, source=edition.slug, copied=clone.copied)
    return clone

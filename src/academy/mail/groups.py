"""Recipient groups for Compose: named functions from an edition to the people in a group.

An app registers its own groups in a module named `mail_groups.py` (found automatically by the GROUPS registry), e.g.

    from academy.mail.groups import register_group

    @register_group("confirmed", _("Confirmed participants"))
    def confirmed(edition):
        for a in Application.objects.filter(edition=edition, status="confirmed").select_related("applicant"):
            yield a.applicant.email, a.applicant, a.applicant.full_name

A function yields (email, user or None, name) tuples, or returns a queryset of users (the simplest: mail then
lists them by e-mail and counts them in one query); mail never imports the app. Compose shows each group with
its size. Mail declares its own groups (the edition's organisers, reviewers and coaches) the same way, in
mail/mail_groups.py.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from academy.core.plugins import PluginRegistry

GROUPS = PluginRegistry("mail_groups", "recipient group")


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    members: object  # members(edition) yields (email, user or None, name), or returns a queryset of users


def register_group(key, label):
    """Register `func(edition)` as the recipient group `key`, offered in Compose as `label`."""

    def decorator(func):
        GROUPS.register(key, Group(key, label, func))
        return func

    return decorator


def choices(edition=None):
    """(key, label) of every group; with an edition, each label says how many people the group reaches."""
    groups = GROUPS.entries().values()
    if edition is None:
        return [(group.key, group.label) for group in groups]
    return [
        (group.key, _("%(group)s (%(n)d)") % {"group": group.label, "n": size(group.key, edition)}) for group in groups
    ]


def _group(key):
    if key not in GROUPS:
        raise ValueError(f"No recipient group {key!r}.")
    return GROUPS.get(key)


def recipients(key, edition):
    """(email, user or None, name) of each member of the group in `edition`."""
    found = _group(key).members(edition)
    if isinstance(found, QuerySet):
        return ((user.email, user, user.get_full_name()) for user in found.order_by("email"))
    return found


def size(key, edition):
    """How many people the group reaches in `edition` (one query for a queryset group)."""
    found = _group(key).members(edition)
    if isinstance(found, QuerySet):
        return found.count()
    return len({email.lower() for email, _user, _name in found})

"""Recipient groups for Compose: named functions from an edition to the people in a group.

An app registers its own groups in a module named `mail_groups.py` (found automatically by the GROUPS registry), e.g.

    from academy.mail.groups import register_group

    @register_group("confirmed", _("Confirmed participants"))
    def confirmed(edition):
        for a in Application.objects.filter(edition=edition, status="confirmed").select_related("applicant"):
            yield a.applicant.email, a.applicant, a.applicant.full_name

A function yields (email, user or None, name) tuples; mail never imports the app. Mail declares its own
groups (the edition's organisers, reviewers and coaches) the same way, in mail/mail_groups.py.
"""

from dataclasses import dataclass

from academy.core.plugins import PluginRegistry

GROUPS = PluginRegistry("mail_groups", "recipient group")


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    members: object  # members(edition) yields (email, user or None, name)


def register_group(key, label):
    """Register `func(edition)` as the recipient group `key`, offered in Compose as `label`."""

    def decorator(func):
        GROUPS.register(key, Group(key, label, func))
        return func

    return decorator


def choices():
    return [(group.key, group.label) for group in GROUPS.entries().values()]


def recipients(key, edition):
    if key not in GROUPS:
        raise ValueError(f"No recipient group {key!r}.")
    return GROUPS.get(key).members(edition)

"""Recipient groups for Compose: named functions from an edition to the people in a group.

An app registers its own groups in a module named `mail_groups.py` (found automatically), e.g.

    from academy.mail.groups import register_group

    @register_group("confirmed", _("Confirmed participants"))
    def confirmed(edition):
        for a in Application.objects.filter(edition=edition, status="confirmed").select_related("applicant"):
            yield a.applicant.email, a.applicant, a.applicant.full_name

A function yields (email, user or None, name) tuples; mail never imports the app.
"""

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from academy.accounts.models import EditionRole, Role

_GROUPS = {}
_discovered = False


def register_group(key, label):
    def decorator(func):
        _GROUPS[key] = (label, func)
        return func

    return decorator


def _discover():
    global _discovered
    if not _discovered:
        autodiscover_modules("mail_groups")
        _discovered = True


def choices():
    _discover()
    return [(key, label) for key, (label, _func) in _GROUPS.items()]


def recipients(key, edition):
    _discover()
    if key not in _GROUPS:
        raise ValueError(f"No recipient group {key!r}.")
    return _GROUPS[key][1](edition)


def _role_group(role):
    def members(edition):
        rows = EditionRole.objects.filter(edition=edition, role=role, user__is_active=True).select_related("user")
        for row in rows.order_by("user__email"):
            yield row.user.email, row.user, row.user.get_full_name()

    return members


register_group("organisers", _("Organisers of this edition"))(_role_group(Role.ORGANISER))
register_group("reviewers", _("Reviewers of this edition"))(_role_group(Role.REVIEWER))
register_group("coaches", _("Coaches of this edition"))(_role_group(Role.COACH))

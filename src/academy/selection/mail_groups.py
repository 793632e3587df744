"""Compose's recipient groups of the selection's outcome: offered, confirmed, waitlist, not selected, declined."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from academy.applications.models import Status
from academy.applications.queries import applicants
from academy.mail.groups import register_group


@register_group("offered", _("Offered a seat, no answer yet"))
def offered(edition):
    return applicants(edition, Q(status=Status.OFFERED))


@register_group("confirmed", _("Confirmed participants"))
def confirmed(edition):
    return applicants(edition, Q(status=Status.CONFIRMED))


@register_group("waitlist", _("Waitlist"))
def waitlist(edition):
    return applicants(edition, Q(status=Status.WAITLISTED))


@register_group("not_selected", _("Not selected"))
def not_selected(edition):
    return applicants(edition, Q(status=Status.NOT_SELECTED))


@register_group("declined", _("Declined the offer or let it expire"))
def declined(edition):
    return applicants(edition, Q(status__in=[Status.DECLINED, Status.EXPIRED]))

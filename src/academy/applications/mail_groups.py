"""Compose's recipient groups of applicants by where their application stands; the selection's outcome
(offered to not selected) has its own in selection/mail_groups.py. Each lists only the edition's people."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from academy.mail.groups import register_group

from .models import Status
from .queries import SUBMITTED_STATES, applicants


@register_group("applicants_draft", _("Applicants with a draft not submitted yet"))
def with_a_draft(edition):
    return applicants(edition, Q(status=Status.DRAFT))


@register_group("applicants_submitted", _("Applicants who submitted"))
def submitted(edition):
    return applicants(edition, Q(status__in=SUBMITTED_STATES))


@register_group("applicants_eligible", _("Eligible applicants"))
def eligible(edition):
    return applicants(edition, Q(status__in=SUBMITTED_STATES, is_eligible=True))


@register_group("applicants_ineligible", _("Applicants who submitted but are not eligible"))
def not_eligible(edition):
    return applicants(edition, Q(status__in=SUBMITTED_STATES, is_eligible=False))


@register_group("applicants_withdrawn", _("Applicants who withdrew"))
def withdrawn(edition):
    return applicants(edition, Q(status=Status.WITHDRAWN))

"""How the applicant's path words a moment and an address, for pages, mails and receipts alike (no writes)."""

from django.conf import settings
from django.urls import reverse

from academy.editions.times import EXACT, format_in_zone


def when(moment, edition):
    """A moment in the edition's zone, e.g. '31 October 2022, 23:55:12 CET'."""
    return format_in_zone(moment, edition, EXACT)


def apply_address(edition):
    """The absolute address of the edition's apply page, for mails."""
    return settings.SITE_URL + reverse("applications:apply", kwargs={"slug": edition.slug})

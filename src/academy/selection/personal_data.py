"""Offers are part of the person's record (when offered, by when to answer, the answer). They carry no
name or text, so they stay with the anonymised application for the statistics."""

from academy.privacy.registry import section
from academy.privacy.tools import iso

from .models import Offer

data = section("selection", label="Offers", order=60, models=[Offer])


@data.export
def export(user):
    offers = Offer.objects.filter(application__applicant=user).select_related("application__edition")
    return [
        {
            "edition": o.application.edition.name,
            "offered_at": iso(o.offered_at),
            "respond_by": iso(o.respond_by),
            "response": o.response or "open",
            "responded_at": iso(o.responded_at),
        }
        for o in offers
    ]

"""Offers are part of the person's record (when offered, by when to answer, the answer). They carry no
name or text, so they stay with the anonymised application for the statistics."""

from academy.privacy.registry import section

from .models import Offer

data = section("selection", label="Offers", order=60, models=[Offer])


def _when(value):
    return value.isoformat() if value else None


@data.export
def export(user):
    offers = Offer.objects.filter(application__applicant=user).select_related("application__edition")
    return [
        {
            "edition": o.application.edition.name,
            "offered_at": _when(o.offered_at),
            "respond_by": _when(o.respond_by),
            "response": o.response or "open",
            "responded_at": _when(o.responded_at),
        }
        for o in offers
    ]

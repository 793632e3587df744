"""Offers are part of the person's record (when offered, by when to answer, the answer). They stay with
the anonymised application for the statistics; only the reason a person gave for declining goes."""

from academy.core.personal_data import REMOVED, iso, section

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
            "decline_reason": o.decline_reason,
        }
        for o in offers
    ]


@data.clears_applications
def clear(applications):
    Offer.objects.filter(application__in=applications).exclude(decline_reason="").update(decline_reason=REMOVED)

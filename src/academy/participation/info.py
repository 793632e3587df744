"""The info pack for the in-person days (page, PDF, mail) and participants' dietary and accessibility needs."""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.applications.queries import participants
from academy.pdf import render_pdf

from . import notify
from .models import Dietary, InfoPack, ParticipantNeeds

PDF_CSS = Path(__file__).parent / "static" / "participation" / "css" / "info-pack-pdf.css"


def record_needs(application, *, dietary, dietary_notes="", accessibility="", by=None):
    """Store a participant's dietary and accessibility needs (one row per application, replaced each time).

    Public: the offer-confirmation form of the selection app calls this when a person confirms their
    seat, and participants can change their answers later on their info-pack page. `dietary` is one
    of `Dietary` ("none", "vegetarian", "vegan", "halal", "kosher", "gluten_free", "lactose_free",
    "other"); "other" needs `dietary_notes`. Raises ValidationError in the person's words."""
    if dietary not in Dietary.values:
        raise ValidationError({"dietary": _("Choose one of the listed diets, or “Other”.")})
    dietary_notes, accessibility = dietary_notes.strip(), accessibility.strip()
    if dietary == Dietary.OTHER and not dietary_notes:
        raise ValidationError({"dietary_notes": _("Tell us which diet you follow.")})
    with transaction.atomic():
        needs, _created = ParticipantNeeds.objects.update_or_create(
            application=application,
            defaults={"dietary": dietary, "dietary_notes": dietary_notes[:300], "accessibility": accessibility},
        )
        record("needs.recorded", actor=by or application.applicant, obj=application, edition=application.edition)
    return needs


@dataclass
class Note:
    text: str
    name: str = ""


@dataclass
class NeedsSummary:
    participants: int
    answered: int
    diets: list  # [(label, count)] for every diet, in the order of Dietary
    dietary_notes: list  # [Note]
    accessibility: list  # [Note]


def needs_summary(edition, *, with_names=False):
    """What the caterer and the venue need: counts per diet and the notes, with names only when asked."""
    cohort = participants(edition)
    total = cohort.count()
    counts = dict(
        ParticipantNeeds.objects.filter(application__in=cohort)
        .values_list("dietary")
        .annotate(n=Count("id"))
        .values_list("dietary", "n")
    )
    notes = (
        ParticipantNeeds.objects.filter(application__in=cohort)
        .exclude(dietary_notes="", accessibility="")
        .select_related("application__applicant")
        .defer("application__answers", "application__eligibility_reasons")
        .order_by("application__applicant__full_name")
    )
    dietary_notes, accessibility = [], []
    for needs in notes:
        name = str(needs.application.applicant) if with_names else ""
        if needs.dietary_notes:
            dietary_notes.append(Note(f"{needs.get_dietary_display()}: {needs.dietary_notes}", name))
        if needs.accessibility:
            accessibility.append(Note(needs.accessibility, name))
    if not with_names:  # nothing in the order of the notes hints at who wrote them
        dietary_notes.sort(key=lambda n: n.text)
        accessibility.sort(key=lambda n: n.text)
    return NeedsSummary(
        participants=total,
        answered=sum(counts.values()),
        diets=[(label, counts.get(value, 0)) for value, label in Dietary.choices],
        dietary_notes=dietary_notes,
        accessibility=accessibility,
    )


def info_pack_pdf(pack):
    """The info pack as a PDF (WeasyPrint), from the same data as the page."""
    context = {"pack": pack, "edition": pack.edition}
    return render_pdf("participation/pdf/info_pack.html", context, stylesheet=PDF_CSS)


def save_info_pack(pack, *, by):
    pack.save()
    record("info_pack.saved", actor=by, obj=pack, edition=pack.edition)
    return pack


def send_info_pack(pack, *, by, now=None):
    """Mail the info pack with its PDF to every participant; return how many were sent."""
    pdf = info_pack_pdf(pack)
    people = list(participants(pack.edition))
    for application in people:
        notify.info_pack(pack, application, pdf)
    InfoPack.objects.filter(pk=pack.pk).update(sent_at=now or timezone.now())
    record("info_pack.sent", actor=by, obj=pack, edition=pack.edition, count=len(people))
    return len(people)

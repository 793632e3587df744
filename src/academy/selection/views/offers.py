"""Offers seen by the applicant (confirm or decline their seat) and by the organisers (every offer,
the current waitlist, exports, expiry now). Views load, check, call offers.py and render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy import exports as tabular
from academy.accounts.access import signed_in
from academy.accounts.models import Role
from academy.editions.access import edition_role_required
from academy.participation.models import ParticipantNeeds

from .. import offers as service
from ..forms_offers import ConfirmOfferForm, DeclineOfferForm, OfferFilterForm
from ..models import Offer
from ..promotion import current_waitlist, offers_of


def _state(offer, now):
    if offer.is_overdue(now):
        return "expired"
    return offer.response or "open"


# The applicant ---------------------------------------------------------------------------------


@signed_in
def offer_page(request, pk):
    """The applicant's own offer (404 for anyone else): confirm with commitments and needs, or decline."""
    offer = (
        Offer.objects.select_related("application__edition__academy", "application__applicant")
        .filter(application_id=pk, application__applicant=request.user)
        .first()
    )
    if offer is None:
        raise Http404
    application, edition = offer.application, offer.application.edition
    commitments = service.commitment_questions(edition)
    confirm_form = ConfirmOfferForm(commitments=commitments, initial=_needs_initial(application))
    decline_form = DeclineOfferForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            confirm_form = ConfirmOfferForm(request.POST, commitments=commitments)
            if _confirm(request, offer, confirm_form):
                return redirect("selection:offer", pk=pk)
        elif action == "decline":
            decline_form = DeclineOfferForm(request.POST)
            if _decline(request, offer, decline_form):
                return redirect("selection:offer", pk=pk)
        status = 400
        offer.refresh_from_db()
    now = timezone.now()
    context = {
        "offer": offer,
        "application": application,
        "edition": edition,
        "state": _state(offer, now),
        "may_give_up": service.may_give_up(offer, edition, now),
        "confirm_form": confirm_form,
        "decline_form": decline_form,
        "needs": ParticipantNeeds.objects.filter(application=application).first(),
    }
    return render(request, "selection/offers/offer.html", context, status=status)


def _needs_initial(application):
    needs = ParticipantNeeds.objects.filter(application=application).first()
    if needs is None:
        return {"dietary": "none"}
    return {"dietary": needs.dietary, "dietary_notes": needs.dietary_notes, "accessibility": needs.accessibility}


def _confirm(request, offer, form):
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        answer = service.confirm(
            offer,
            by=request.user,
            commitments=form.ticked(),
            dietary=data["dietary"],
            dietary_notes=data["dietary_notes"],
            accessibility=data["accessibility"],
        )
    except service.OfferError as error:
        form.add_error(None, error.message)
        return False
    except ValidationError as error:
        form.add_error(None, error)
        return False
    if not answer.already:
        messages.success(request, _("Your seat is confirmed. Welcome to %(e)s!") % {"e": offer.application.edition})
    return True


def _decline(request, offer, form):
    if not form.is_valid():
        return False
    try:
        answer = service.decline(offer, by=request.user, reason=form.cleaned_data["reason"])
    except service.OfferError as error:
        form.add_error(None, error.message)
        return False
    if not answer.already:
        messages.success(request, _("You declined your seat. Thank you for telling us."))
    return True


# The organisers --------------------------------------------------------------------------------

HEADER = ["name", "email", "organisation", "country", "state", "offered_at", "respond_by", "responded_at"]
HEADER += ["from_waitlist", "reminded_at", "decline_reason"]


def _filtered(request, edition):
    form = OfferFilterForm(request.GET or None)
    rows = offers_of(edition).order_by("offered_at", "application__applicant__full_name")
    state = form.cleaned_data["state"] if form.is_valid() else ""
    if state == "open":
        rows = rows.filter(response=Offer.Response.OPEN)
    elif state:
        rows = rows.filter(response=state)
    return form, rows


def _local(moment, edition):
    return timezone.localtime(moment, edition.zone).replace(tzinfo=None) if moment else None


def _export_rows(rows, edition, now):
    for offer in rows:
        application = offer.application
        organisation = application.organisation
        yield [
            application.applicant.full_name,
            application.applicant.email,
            organisation.name if organisation else "",
            organisation.country.code if organisation else "",
            _state(offer, now),
            _local(offer.offered_at, edition),
            _local(offer.respond_by, edition),
            _local(offer.responded_at, edition),
            offer.from_waitlist,
            _local(offer.reminded_at, edition),
            offer.decline_reason,
        ]


@edition_role_required(Role.ORGANISER)
def offer_list(request, edition):
    form, rows = _filtered(request, edition)
    now = timezone.now()
    offers = [(offer, _state(offer, now)) for offer in rows]
    counts = {key: 0 for key in ("open", "confirmed", "declined", "expired")}
    for response in offers_of(edition).values_list("response", flat=True):
        counts[response or "open"] += 1
    context = {
        "edition": edition,
        "form": form,
        "offers": offers,
        "counts": counts,
        "waitlist": current_waitlist(edition),
        "query": request.GET.urlencode(),
        "seats": counts["open"] + counts["confirmed"],
    }
    return render(request, "selection/offers/list.html", context)


@edition_role_required(Role.ORGANISER)
def offer_export(request, edition, fmt):
    _form, rows = _filtered(request, edition)
    now = timezone.now()
    name = f"offers-{edition.slug}.{fmt}"
    data = _export_rows(rows.iterator(), edition, now)
    if fmt == "xlsx":
        return tabular.xlsx_response(name, HEADER, data, title="Offers")
    return tabular.csv_response(name, HEADER, data)


@require_POST
@edition_role_required(Role.ORGANISER)
def expire_now(request, edition):
    expired, promoted = service.expire_overdue(edition=edition)
    messages.success(
        request,
        _("%(e)s offer(s) expired; %(p)s seat(s) offered from the waitlist.") % {"e": expired, "p": len(promoted)},
    )
    return redirect("selection:offer_list", slug=edition.slug)

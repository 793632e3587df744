"""Organisers: the info pack for the in-person days, and the caterer's summary of needs."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.applications.queries import participants
from academy.editions.access import edition_role_required
from academy.privacy.audit import record_access

from .. import info
from ..forms import InfoPackForm
from ..models import InfoPack
from .common import pdf_download

organiser = edition_role_required(Role.ORGANISER)


def _defaults(edition):
    return {"venue": edition.venue, "address": edition.venue_address or edition.city}


@organiser
def info_pack_edit(request, edition):
    pack = InfoPack.objects.filter(edition=edition).first()
    form = InfoPackForm(
        request.POST or None, instance=pack or InfoPack(edition=edition), initial=None if pack else _defaults(edition)
    )
    if request.method == "POST" and form.is_valid():
        info.save_info_pack(form.save(commit=False), by=request.user)
        messages.success(request, _("The info pack is saved. Participants see it on their page."))
        return redirect("participation:organiser_info_pack", slug=edition.slug)
    context = {"edition": edition, "form": form, "pack": pack, "cohort": participants(edition).count()}
    return render(request, "participation/organiser/info_pack.html", context, status=400 if form.errors else 200)


@organiser
def info_pack_preview(request, edition):
    pack = InfoPack.objects.filter(edition=edition).first()
    if pack is None:
        raise Http404(_("Save the info pack first."))
    return pdf_download(info.info_pack_pdf(pack), f"info-pack-{edition.slug}.pdf")


@require_POST
@organiser
def info_pack_send(request, edition):
    pack = InfoPack.objects.filter(edition=edition).first()
    if pack is None:
        messages.error(request, _("Save the info pack before sending it."))
    else:
        count = info.send_info_pack(pack, by=request.user)
        messages.success(request, _("The info pack was sent to %(count)d participant(s).") % {"count": count})
    return redirect("participation:organiser_info_pack", slug=edition.slug)


@organiser
def needs_summary(request, edition):
    with_names = request.GET.get("names") == "1"
    if with_names:
        record_access("needs.viewed", actor=request.user, edition=edition, with_names=True)
    summary = info.needs_summary(edition, with_names=with_names)
    context = {"edition": edition, "summary": summary, "with_names": with_names}
    return render(request, "participation/organiser/needs.html", context)

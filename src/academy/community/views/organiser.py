"""Organisers: form the peer-learning groups, move people by hand, publish; the alumni follow-up totals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.accounts.services import record
from academy.applications.queries import participants
from academy.editions.access import edition_role_required
from academy.exports import csv_response
from academy.failures import in_words

from .. import alumni, groups
from ..forms import FollowUpSettingsForm, GroupRunForm, MoveForm
from ..models import PeerGroup

organiser = edition_role_required(Role.ORGANISER)


def _move_form(person, group_rows, current=None):
    initial = {"group": current.pk} if current else None
    return MoveForm(groups=group_rows, person_name=person.name, initial=initial, prefix=f"p{person.application.pk}")


def _groups_page(request, edition, form, status=200):
    views, unplaced = groups.groups_of(edition)
    group_rows = [g.group for g in views]
    for view in views:
        view.moves = [(p, _move_form(p, group_rows, view.group)) for p in view.people]
    unplaced_moves = [(p, _move_form(p, group_rows)) for p in unplaced]
    context = {
        "edition": edition,
        "form": form,
        "options": groups.settings_for(edition),
        "groups": views,
        "unplaced": unplaced_moves,
        "uneven": groups.sizes_uneven(views),
    }
    return render(request, "community/organiser/groups.html", context, status=status)


@organiser
def group_list(request, edition):
    options = groups.settings_for(edition)
    form = GroupRunForm(request.POST or None, instance=options)
    if request.method == "POST" and form.is_valid():
        try:
            result = groups.form(
                edition, size=form.cleaned_data["group_size"], seed=form.cleaned_data["group_seed"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        except Exception as error:  # noqa: BLE001 - the reason in words on the page, the technical text in the log
            form.add_error(None, in_words(error, doing=_("forming the peer groups")))
        else:
            quality = _("the best mix possible") if result.status == "optimal" else _("the best mix found in time")
            messages.success(
                request,
                _("%(count)d groups formed: %(quality)s. They are not published yet.")
                % {"count": len(result.groups), "quality": quality},
            )
            return redirect("community:groups", slug=edition.slug)
    return _groups_page(request, edition, form, status=400 if form.errors else 200)


@require_POST
@organiser
def group_move(request, edition, pk):
    application = get_object_or_404(participants(edition), pk=pk)
    group_rows = list(PeerGroup.objects.filter(edition=edition))
    name = application.applicant.full_name or application.applicant.email
    form = MoveForm(request.POST, groups=group_rows, person_name=name, prefix=f"p{pk}")
    if form.is_valid():
        target = next(g for g in group_rows if g.pk == form.cleaned_data["group"])
        groups.move(edition, application, target, by=request.user)
        messages.success(request, _("%(name)s is now in %(group)s.") % {"name": name, "group": target})
    else:
        messages.error(request, _("Choose one of the groups for %(name)s.") % {"name": name})
    return redirect("community:groups", slug=edition.slug)


@require_POST
@organiser
def group_publish(request, edition):
    if request.POST.get("action") == "unpublish":
        groups.unpublish(edition, by=request.user)
        messages.success(request, _("The groups are hidden from participants again."))
        return redirect("community:groups", slug=edition.slug)
    try:
        groups.publish(edition, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The groups are published: each participant sees their group on their page."))
    return redirect("community:groups", slug=edition.slug)


@organiser
def alumni_totals(request, edition):
    options = groups.settings_for(edition)
    form = FollowUpSettingsForm(request.POST or None, instance=options)
    if request.method == "POST" and form.is_valid():
        form.save()
        record("alumni.settings_saved", actor=request.user, edition=edition, months=options.followup_months)
        messages.success(request, _("The follow-up date is saved."))
        return redirect("community:organiser_alumni", slug=edition.slug)
    context = {
        "edition": edition,
        "form": form,
        "opens_at": alumni.opens_at(edition, options),
        "totals": alumni.totals(edition),
    }
    return render(request, "community/organiser/alumni.html", context, status=400 if form.errors else 200)


@organiser
def alumni_export(request, edition):
    record("alumni.exported", actor=request.user, edition=edition, format="csv")
    header, *rows = alumni.export_rows(edition)
    return csv_response(f"alumni-follow-up-{edition.slug}.csv", header, rows)

"""Organisers set review up: settings, the rubric (locked once scoring starts) and the reviewer pool."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.editions.access import edition_role_required

from .. import pool, services
from ..conflicts import setup_for
from ..forms import CriterionForm, InviteForm, SetupForm
from ..models import Conflict, Criterion, Reviewer


@edition_role_required(Role.ORGANISER)
def settings_page(request, edition):
    form = SetupForm(request.POST or None, instance=setup_for(edition))
    if request.method == "POST" and form.is_valid():
        services.save_setup(form.save(commit=False), by=request.user)
        messages.success(request, _("Review settings saved."))
        return redirect("reviews:settings", slug=edition.slug)
    return render(
        request, "reviews/settings.html", {"edition": edition, "form": form}, status=422 if form.errors else 200
    )


@edition_role_required(Role.ORGANISER)
def rubric(request, edition):
    return _rubric_page(request, edition, CriterionForm(edition=edition))


def _rubric_page(request, edition, form, *, editing=None, status=200):
    context = {
        "edition": edition,
        "criteria": Criterion.objects.filter(edition=edition),
        "locked": services.rubric_locked(edition),
        "form": form,
        "editing": editing,
    }
    return render(request, "reviews/rubric.html", context, status=status)


@edition_role_required(Role.ORGANISER)
def criterion(request, edition, pk=None):
    """Add a criterion (no pk) or change one; refused with the reason once scoring has started."""
    instance = get_object_or_404(Criterion, pk=pk, edition=edition) if pk else None
    form = CriterionForm(request.POST or None, instance=instance, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_criterion(form.save(commit=False), by=request.user)
        except services.RubricLocked as error:
            messages.error(request, str(error))
            return _rubric_page(request, edition, form, editing=instance, status=409)
        messages.success(request, _("Criterion saved."))
        return redirect("reviews:rubric", slug=edition.slug)
    return _rubric_page(request, edition, form, editing=instance, status=422 if form.errors else 200)


@require_POST
@edition_role_required(Role.ORGANISER)
def delete_criterion(request, edition, pk):
    row = get_object_or_404(Criterion, pk=pk, edition=edition)
    try:
        services.delete_criterion(row, by=request.user)
    except services.RubricLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Criterion “%(name)s” deleted.") % {"name": row.name})
    return redirect("reviews:rubric", slug=edition.slug)


@require_POST
@edition_role_required(Role.ORGANISER)
def default_rubric(request, edition):
    try:
        added = services.install_default_rubric(edition, by=request.user)
    except services.RubricLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(n)s criteria from the call's objectives added.") % {"n": added})
    return redirect("reviews:rubric", slug=edition.slug)


@edition_role_required(Role.ORGANISER)
def reviewers(request, edition):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rows = pool.invite(
            edition,
            data["emails"],
            by=request.user,
            organisation=data["organisation"],
            country=data["country"],
            capacity=data["capacity"],
        )
        messages.success(request, _("Invitation sent to %(emails)s.") % {"emails": ", ".join(r.email for r in rows)})
        return redirect("reviews:reviewers", slug=edition.slug)
    invitations = Reviewer.objects.filter(edition=edition).select_related("organisation", "user")
    conflicts = Conflict.objects.filter(edition=edition).select_related("reviewer", "organisation", "application")
    context = {"edition": edition, "form": form, "invitations": invitations, "conflicts": conflicts}
    return render(request, "reviews/reviewers.html", context, status=422 if form.errors else 200)

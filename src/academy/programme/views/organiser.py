"""The organisers' programme pages: sessions and coaches."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.editions.access import edition_role_required

from .. import services
from ..forms import CoachForm, SessionForm
from ..models import Coach, Session
from ..queries import coaches_of, sessions_of, timetable


@edition_role_required(Role.ORGANISER)
def programme(request, edition):
    sessions = list(sessions_of(edition))
    context = {"edition": edition, "parts": timetable(edition, sessions), "count": len(sessions)}
    return render(request, "programme/organiser/programme.html", context)


def _session_form(request, edition, session):
    form = SessionForm(request.POST or None, instance=session, edition=edition)
    if request.method == "POST" and form.is_valid():
        saved = services.save_session(form.instance, coaches=form.cleaned_data["coaches"], by=request.user)
        messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
        return redirect("programme:organiser_programme", slug=edition.slug)
    context = {"edition": edition, "form": form, "session": session}
    return render(request, "programme/organiser/session_form.html", context, status=400 if form.errors else 200)


@edition_role_required(Role.ORGANISER)
def session_create(request, edition):
    return _session_form(request, edition, Session(edition=edition))


@edition_role_required(Role.ORGANISER)
def session_edit(request, edition, pk):
    return _session_form(request, edition, get_object_or_404(Session, pk=pk, edition=edition))


@require_POST
@edition_role_required(Role.ORGANISER)
def session_delete(request, edition, pk):
    session = get_object_or_404(Session, pk=pk, edition=edition)
    try:
        services.delete_session(session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is deleted.") % {"title": session.title})
    return redirect("programme:organiser_programme", slug=edition.slug)


@edition_role_required(Role.ORGANISER)
def coaches(request, edition):
    form = CoachForm(request.POST or None, request.FILES or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        coach = services.save_coach(form.instance, by=request.user)
        if request.POST.get("invite"):
            services.send_coach_invitation(coach, by=request.user)
            messages.success(request, _("%(name)s is added and invited by e-mail.") % {"name": coach.name})
        else:
            messages.success(request, _("%(name)s is added.") % {"name": coach.name})
        return redirect("programme:organiser_coaches", slug=edition.slug)
    context = {"edition": edition, "coaches": coaches_of(edition).select_related("user"), "form": form}
    return render(request, "programme/organiser/coaches.html", context, status=400 if form.errors else 200)


@edition_role_required(Role.ORGANISER)
def coach_edit(request, edition, pk):
    coach = get_object_or_404(Coach, pk=pk, edition=edition)
    form = CoachForm(request.POST or None, request.FILES or None, instance=coach, edition=edition)
    if request.method == "POST" and form.is_valid():
        services.save_coach(form.instance, by=request.user)
        messages.success(request, _("%(name)s is saved.") % {"name": coach.name})
        return redirect("programme:organiser_coaches", slug=edition.slug)
    context = {"edition": edition, "form": form, "coach": coach}
    return render(request, "programme/organiser/coach_form.html", context, status=400 if form.errors else 200)


@require_POST
@edition_role_required(Role.ORGANISER)
def coach_invite(request, edition, pk):
    coach = get_object_or_404(Coach, pk=pk, edition=edition)
    services.send_coach_invitation(coach, by=request.user)
    messages.success(request, _("An invitation went to %(email)s.") % {"email": coach.email})
    return redirect("programme:organiser_coaches", slug=edition.slug)


@require_POST
@edition_role_required(Role.ORGANISER)
def coach_delete(request, edition, pk):
    coach = get_object_or_404(Coach, pk=pk, edition=edition)
    services.remove_coach(coach, by=request.user)
    messages.success(request, _("%(name)s is removed from this edition.") % {"name": coach.name})
    return redirect("programme:organiser_coaches", slug=edition.slug)

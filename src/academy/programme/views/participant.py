"""A participant's own attendance, a coach's own sessions, and one's secret calendar address."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.access import signed_in
from academy.applications.queries import participants
from academy.editions.models import Edition

from .. import services
from ..models import Attendance, Kind, Session
from ..queries import coach_profile_of, may_see_links


@signed_in
def my_attendance(request, slug):
    """Only one's own: the page takes no person from the address, so nobody can open another's."""
    edition = get_object_or_404(Edition, slug=slug)
    application = participants(edition).filter(applicant=request.user).first()
    if application is None:
        raise Http404(_("You are not a confirmed participant of this edition."))
    sessions = list(Session.objects.filter(edition=edition).exclude(kind=Kind.BREAK).order_by("starts_at", "pk"))
    records = {a.session_id: a for a in Attendance.objects.filter(application=application)}
    rows = [(s, records.get(s.pk)) for s in sessions]
    attended = sum(1 for _s, r in rows if r and r.present)
    context = {"edition": edition, "rows": rows, "attended": attended, "total": len(sessions)}
    return render(request, "programme/my_attendance.html", context)


@signed_in
def my_sessions(request, slug):
    """A coach's own page in an edition: their profile and sessions, with roll-call links."""
    edition = get_object_or_404(Edition, slug=slug)
    coach = coach_profile_of(request.user, edition)
    if coach is None:
        raise Http404(_("You have no coach profile in this edition."))
    sessions = coach.sessions.order_by("starts_at").prefetch_related("coaches")
    return render(request, "programme/my_sessions.html", {"edition": edition, "coach": coach, "sessions": sessions})


@require_POST
@signed_in
def calendar_address(request, slug):
    """Create, or replace, one's secret calendar address (the old one stops working)."""
    edition = get_object_or_404(Edition, slug=slug)
    if not may_see_links(request.user, edition):
        raise PermissionDenied
    services.renew_calendar_token(request.user, edition)
    messages.success(request, _("Your personal calendar address is ready; any older address no longer works."))
    return redirect(reverse("programme:timetable", kwargs={"slug": edition.slug}) + "#calendar")

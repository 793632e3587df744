"""Participant pages: signed in, and a confirmed participant of the edition named in the address."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.access import has_edition_role, signed_in
from academy.accounts.models import Role
from academy.applications.queries import participants
from academy.editions.models import Edition


def participant_required(view):
    """Load the edition (404 if none) and the person's confirmed application in it (403 if none);
    the view receives both instead of the slug."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        edition = get_object_or_404(Edition.objects.select_related("academy"), slug=slug)
        application = participants(edition).filter(applicant=request.user).first()
        if application is None:
            raise PermissionDenied
        application.edition = edition
        return view(request, edition, application, *args, **kwargs)

    return signed_in(wrapped)


def team_or_participant_required(view):
    """Participants, coaches and organisers of the edition (the view receives the edition); others 403."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        edition = get_object_or_404(Edition, slug=slug)
        if not may_read_briefs(request.user, edition):
            raise PermissionDenied
        return view(request, edition, *args, **kwargs)

    return signed_in(wrapped)


def file_download_view(view):
    """For the views that serve uploaded files: signed in, the edition loaded (the view receives it), and anyone
    the view refuses (PermissionDenied) is told the file does not exist, whatever the reason: a file's existence is
    not given away to people outside the edition, other participants or coaches who do not review it."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        edition = get_object_or_404(Edition.objects.select_related("academy"), slug=slug)
        try:
            return view(request, edition, *args, **kwargs)
        except PermissionDenied:
            raise Http404 from None

    return signed_in(wrapped)


def may_read_briefs(user, edition):
    """The brief's files: participants, coaches and organisers of the edition."""
    return (
        has_edition_role(user, edition, Role.COACH, Role.ORGANISER)
        or participants(edition).filter(applicant=user).exists()
    )

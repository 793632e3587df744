"""Participant pages: signed in, and a confirmed participant of the edition named in the address."""

from functools import wraps

from django.core.exceptions import PermissionDenied
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
    """For the brief's files: participants, coaches and organisers of the edition."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        edition = get_object_or_404(Edition, slug=slug)
        allowed = has_edition_role(request.user, edition, Role.COACH, Role.ORGANISER) or (
            participants(edition).filter(applicant=request.user).exists()
        )
        if not allowed:
            raise PermissionDenied
        return view(request, edition, *args, **kwargs)

    return signed_in(wrapped)

"""The access rule of the organisers', reviewers' and coaches' pages: the edition named in the URL, and a role in it.

It lives here rather than in `academy.accounts.access` beside the other rules because it loads an edition, and
accounts sits below editions."""

from copy import copy
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from academy.accounts.access import request_has_edition_role
from academy.accounts.context_processors import roles_of

from .models import Edition


def _edition(request, slug):
    """The edition `slug`, taken from the signed-in person's roles when they hold one in it (the header reads those
    anyway, with the editions): one query fewer on every page of an edition's team. A copy, so that a form editing
    the edition cannot change what the header shows. Anyone else's edition costs a query (or a 404)."""
    user = request.user
    if user.is_authenticated:
        for role in roles_of(request):
            if role.edition.slug == slug:
                return copy(role.edition)
    return get_object_or_404(Edition.objects.select_related("academy"), slug=slug)


def edition_role_required(*roles):
    """Load the edition named by the `slug` URL argument (404 if none), then require one of `roles`.

    The view receives the edition instead of the slug."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            edition = _edition(request, slug)
            if not request_has_edition_role(request, *roles, edition=edition):
                raise PermissionDenied
            return view(request, edition, *args, **kwargs)

        wrapped.access = ("edition-role", roles)
        return wrapped

    return decorator

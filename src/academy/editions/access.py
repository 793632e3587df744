"""The access rule of the organisers', reviewers' and coaches' pages: the edition named in the URL, and a role in it.

It lives here rather than in `academy.accounts.access` beside the other rules because it loads an edition, and
accounts sits below editions."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from academy.accounts.access import request_has_edition_role

from .models import Edition


def edition_role_required(*roles):
    """Load the edition named by the `slug` URL argument (404 if none), then require one of `roles`.

    The view receives the edition instead of the slug."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            edition = get_object_or_404(Edition.objects.select_related("academy"), slug=slug)
            if not request_has_edition_role(request, *roles, edition=edition):
                raise PermissionDenied
            return view(request, edition, *args, **kwargs)

        wrapped.access = ("edition-role", roles)
        return wrapped

    return decorator

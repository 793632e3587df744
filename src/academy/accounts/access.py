"""Who may open a view. Every view of the project declares one of these; a test walks the URL
resolver and fails on any view that declares none."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import EditionRole


def edition_roles(user, edition):
    if not user.is_authenticated:
        return set()
    return set(EditionRole.objects.filter(user=user, edition=edition).values_list("role", flat=True))


def has_edition_role(user, edition, *roles):
    """True for a platform admin, or for a person holding one of `roles` in `edition`."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return EditionRole.objects.filter(user=user, edition=edition, role__in=roles).exists()


def public(view):
    view.access = "public"
    return view


def signed_in(view):
    wrapped = login_required(view)
    wrapped.access = "signed-in"
    return wrapped


def edition_role_required(*roles):
    """Load the edition named by the `slug` URL argument (404 if none), then require one of `roles`.

    The view receives the edition instead of the slug."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            from academy.editions.models import Edition

            edition = get_object_or_404(Edition.objects.select_related("academy"), slug=slug)
            if not has_edition_role(request.user, edition, *roles):
                raise PermissionDenied
            return view(request, edition, *args, **kwargs)

        wrapped.access = ("edition-role", roles)
        return wrapped

    return decorator


def platform_admin_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.access = "platform-admin"
    return wrapped

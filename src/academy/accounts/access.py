"""Who may open a view. Every view of the project declares one of these (or `edition_role_required` from
`academy.editions.access`, which loads the edition first); a test walks the URL resolver and fails on any
view that declares none."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .context_processors import roles_of
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


def request_has_edition_role(request, *roles, edition):
    """`has_edition_role` for the signed-in person of `request`, read from the roles the page's header reads
    anyway (`roles_of`, once per request), so the check costs no query of its own."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(r.edition_id == edition.pk and r.role in roles for r in roles_of(request))


def public(view):
    view.access = "public"
    return view


def signed_in(view):
    wrapped = login_required(view)
    wrapped.access = "signed-in"
    return wrapped


def platform_admin_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.access = "platform-admin"
    return wrapped

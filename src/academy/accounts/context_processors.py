from .models import EditionRole, Role


def roles_of(request):
    """The signed-in person's roles with their editions: one query per request, however many readers."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if not hasattr(request, "_academy_roles"):
        # with the editions' academies too: edition_role_required takes a page's edition from here. Sorted here, not
        # by the query: ordering by the edition's year costs Django a quarter of the query's time to build.
        rows = EditionRole.objects.filter(user=user).select_related("edition__academy").order_by()
        request._academy_roles = sorted(rows, key=lambda role: (-role.edition.year, role.role))
    return request._academy_roles


def organises(request, slug):
    """True for a platform admin or an organiser of the edition `slug`, from the roles already read."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(r.role == Role.ORGANISER and r.edition.slug == slug for r in roles_of(request))


def roles(request):
    """The signed-in person's roles, for the header."""
    return {"my_roles": roles_of(request)}

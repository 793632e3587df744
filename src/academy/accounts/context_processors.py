from .models import EditionRole


def roles(request):
    """The signed-in person's roles, for the header: one query, only when someone is signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_roles": []}
    return {
        "my_roles": list(
            EditionRole.objects.filter(user=user).select_related("edition").order_by("-edition__year", "role")
        )
    }

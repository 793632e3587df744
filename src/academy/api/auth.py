"""Bearer tokens for the API: `Authorization: Bearer <token>`, created with `academy token create EMAIL`.

A missing, unknown or revoked token is answered 401 by ninja before any endpoint runs; an endpoint
then checks the token's person against the object (`require_edition_role`), answering 403."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja.errors import HttpError
from ninja.security import HttpBearer

from academy.accounts.access import has_edition_role
from academy.accounts.services import user_for_token
from academy.editions.models import Edition


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token) if token else None
        if user is not None:
            request.user = user  # so audit entries and services see who called
        return user


def require_edition_role(request, slug, *roles):
    """The edition named by `slug` (404 if none) if the caller holds one of `roles` in it or is a platform admin;
    403 with a message otherwise."""
    if "\x00" in slug:  # no edition has one, and PostgreSQL refuses to compare it
        raise Http404
    edition = get_object_or_404(Edition.objects.select_related("academy"), slug=slug)
    if not has_edition_role(request.auth, edition, *roles):
        names = " or ".join(str(role.label).lower() for role in roles)
        raise HttpError(403, f"Your token does not belong to an {names} of the edition {edition.slug}.")
    return edition

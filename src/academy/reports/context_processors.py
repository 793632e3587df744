"""The edition menu for base.html: shown on every page an organiser opens among an edition's tools."""

from django.utils.functional import SimpleLazyObject

from academy.accounts.context_processors import organises

from .tools import TOOL_NAMES, edition_menu_html


def _is_organiser_page(match):
    access = getattr(match.func, "access", None)
    organiser_view = isinstance(access, tuple) and access[0] == "edition-role" and "organiser" in access[1]
    return organiser_view or match.view_name in TOOL_NAMES


def _menu(request):
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if not slug or not _is_organiser_page(match) or not organises(request, slug):
        return None
    return edition_menu_html(slug, match.view_name, request.path)


def menu(request):
    """`edition_menu`: the menu's HTML, built only when a template reads it, None outside organiser pages."""
    return {"edition_menu": SimpleLazyObject(lambda: _menu(request))}

import json

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from academy.accounts.access import public
from academy.editions.models import Edition

from ..ical import programme_calendar
from ..models import CalendarToken, Coach, CoachKind
from ..queries import coach_profile_of, coaches_of, may_see_links, session_data, sessions_of, viewer
from ..queries import timetable as timetable_of


def _edition(slug):
    return get_object_or_404(Edition.objects.select_related("academy"), slug=slug)


@public
def timetable(request, slug):
    edition = _edition(slug)
    who = viewer(request.user, edition)
    links = who.may_see_links
    token = CalendarToken.objects.filter(user=request.user, edition=edition).first() if links else None
    context = {
        "edition": edition,
        "parts": timetable_of(edition),
        "viewer": who,
        "show_links": links,
        "token": token,
        "coach_profile": coach_profile_of(request.user, edition) if who.coach else None,
    }
    return render(request, "programme/timetable.html", context)


def _ics(edition, sessions, *, with_links, filename, name=None):
    body = programme_calendar(edition, sessions, with_links=with_links, name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public
def programme_ics(request, slug):
    edition = _edition(slug)
    return _ics(edition, sessions_of(edition), with_links=False, filename=f"{edition.slug}.ics")


@never_cache
@public
def personal_ics(request, slug, token):
    """The secret address is the credential: a wrong or renewed token is a 404, like any unknown page."""
    row = CalendarToken.objects.select_related("user", "edition").filter(token=token, edition__slug=slug).first()
    if row is None:
        raise Http404
    edition = row.edition
    links = may_see_links(row.user, edition)
    return _ics(edition, sessions_of(edition), with_links=links, filename=f"{edition.slug}-personal.ics")


@public
def programme_json(request, slug):
    """The programme as JSON; video links only for a signed-in person who may see them (else null)."""
    edition = _edition(slug)
    links = may_see_links(request.user, edition)
    data = {
        "edition": {"slug": edition.slug, "name": edition.name, "time_zone": edition.time_zone},
        "sessions": [session_data(s, edition.zone, with_links=links) for s in sessions_of(edition)],
    }
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json")
    response["Vary"] = "Cookie"
    return response


@public
def coaches(request, slug):
    edition = _edition(slug)
    people = list(coaches_of(edition))
    context = {
        "edition": edition,
        "coaches": [c for c in people if c.kind == CoachKind.COACH],
        "experts": [c for c in people if c.kind == CoachKind.EXPERT],
    }
    return render(request, "programme/coaches.html", context)


@public
def coach_photo(request, slug, pk):
    coach = get_object_or_404(Coach, pk=pk, edition__slug=slug)
    if not coach.photo:
        raise Http404
    return FileResponse(coach.photo.open("rb"), content_type=_image_type(coach.photo.name))


def _image_type(name):
    suffix = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        suffix, "application/octet-stream"
    )

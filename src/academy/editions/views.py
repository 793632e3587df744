from django.http import Http404
from django.shortcuts import get_object_or_404, render

from academy.accounts.access import public

from .models import Edition
from .queries import featured_edition


@public
def home(request):
    edition = featured_edition()
    if edition is None:
        raise Http404("No edition has been set up yet.")
    return call(request, edition.slug)


@public
def call(request, slug):
    edition = get_object_or_404(Edition.objects.select_related("academy"), slug=slug)
    return render(request, "editions/call.html", {"edition": edition, "phase": edition.current_phase})

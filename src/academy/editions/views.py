from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from academy.accounts.access import public
from academy.accounts.models import Role
from academy.accounts.services import record

from .access import edition_role_required
from .cloning import CloneError, clone_edition, suggested
from .forms import CloneForm, EditionTextsForm
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


@edition_role_required(Role.ORGANISER)
def edit_texts(request, edition):
    """The organiser edits the texts of the edition's call page."""
    form = EditionTextsForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        form.save()
        record("edition.texts_changed", actor=request.user, obj=edition, edition=edition, fields=form.changed_data)
        messages.success(request, _("The call page is updated."))
        return redirect("editions:edit_texts", slug=edition.slug)
    status = 400 if form.errors else 200
    return render(request, "editions/texts_form.html", {"edition": edition, "form": form}, status=status)


@edition_role_required(Role.ORGANISER)
def clone(request, edition):
    """The organiser sets up the next edition from this one: same set-up a year later, no people."""
    form = CloneForm(request.POST or None, initial=suggested(edition))
    if request.method == "POST" and form.is_valid():
        try:
            made = clone_edition(
                edition, name=form.cleaned_data["name"], slug=form.cleaned_data["slug"], by=request.user
            )
        except CloneError as error:
            form.add_error("slug", str(error))
        else:
            messages.success(
                request,
                _("%(name)s is set up from %(source)s. Check its dates and texts before the call opens.")
                % {"name": made.target.name, "source": edition.name},
            )
            return redirect(reverse("reports:dashboard", kwargs={"slug": made.target.slug}))
    status = 400 if form.errors else 200
    return render(request, "editions/clone_form.html", {"edition": edition, "form": form}, status=status)

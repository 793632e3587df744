from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.accounts.services import record
from academy.editions.access import edition_role_required

from .forms import EligibleCountryForm
from .models import EligibleCountry


@edition_role_required(Role.ORGANISER)
def eligible_countries(request, edition):
    form = EligibleCountryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row, created = EligibleCountry.objects.update_or_create(
            edition=edition,
            country=form.cleaned_data["country"],
            defaults={"group": form.cleaned_data["group"]},
        )
        record("eligible_country.set", actor=request.user, obj=row, edition=edition, group=row.group)
        messages.success(request, _("%(country)s is eligible for this edition.") % {"country": row.country.name})
        return redirect("registry:eligible_countries", slug=edition.slug)
    rows = EligibleCountry.objects.filter(edition=edition)
    context = {"edition": edition, "rows": rows, "form": form}
    return render(request, "registry/eligible_countries.html", context, status=400 if form.errors else 200)


@require_POST
@edition_role_required(Role.ORGANISER)
def remove_eligible_country(request, edition, pk):
    row = get_object_or_404(EligibleCountry, pk=pk, edition=edition)
    row.delete()
    record("eligible_country.removed", actor=request.user, edition=edition, country=str(row.country))
    messages.success(request, _("%(country)s is no longer eligible.") % {"country": row.country.name})
    return redirect("registry:eligible_countries", slug=edition.slug)

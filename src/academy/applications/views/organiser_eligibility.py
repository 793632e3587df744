"""Organisers let one person pass one failed eligibility rule, with a written reason (audited)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role, User
from academy.editions.access import edition_role_required

from .. import eligibility, services
from ..forms import OverrideForm
from ..models import EligibilityOverride


@edition_role_required(Role.ORGANISER)
def overrides(request, edition):
    form = OverrideForm(request.POST or None)
    verdict = checked = None
    if request.method == "POST" and form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None:
            form.add_error("email", _("No one has signed up with this address yet; they need an account first."))
        else:
            rule = form.cleaned_data["rule"]
            services.grant_override(
                edition, person, rule, form.cleaned_data["reason"], by=request.user, notify=form.cleaned_data["notify"]
            )
            verdict = eligibility.check(person, edition)
            messages.success(
                request,
                _("%(person)s may now pass this rule. They are now %(state)s.")
                % {"person": person.email, "state": _("eligible") if verdict.eligible else _("still not eligible")},
            )
            return redirect("applications:overrides", slug=edition.slug)
    email = request.GET.get("check", "").strip()
    if email and len(email) <= 254 and "\x00" not in email:  # no address is longer or holds a NUL: no one
        checked = User.objects.filter(email__iexact=email).first()
        verdict = eligibility.check(checked, edition) if checked else None
    rows = (
        EligibilityOverride.objects.filter(edition=edition)
        .select_related("person", "granted_by")
        .order_by("-created_at")
    )
    context = {
        "edition": edition,
        "form": form,
        "rows": rows,
        "checked_email": email,
        "checked": checked,
        "verdict": verdict,
    }
    return render(request, "applications/overrides.html", context, status=400 if form.errors else 200)


@require_POST
@edition_role_required(Role.ORGANISER)
def revoke(request, edition, pk):
    override = get_object_or_404(EligibilityOverride, pk=pk, edition=edition)
    services.revoke_override(override, by=request.user)
    messages.success(request, _("The override for %(person)s was removed.") % {"person": override.person.email})
    return redirect("applications:overrides", slug=edition.slug)

"""Organisers: the completion rule, who meets it and why not, exceptions, and issuing certificates."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.accounts.services import record
from academy.applications.queries import participants
from academy.editions.access import edition_role_required
from academy.exports import csv_response
from academy.pdf import pdf_response

from .. import certificates, services
from ..forms import FilterForm, ReasonForm, RuleForm
from ..models import Certificate, IssueRun
from ..rule import evaluate, rule_for

organiser = edition_role_required(Role.ORGANISER)


def _back(edition):
    return redirect("completion:overview", slug=edition.slug)


def _page(request, edition, rule_form, status=200):
    outcomes = evaluate(edition)
    filters = FilterForm(request.GET or None)
    shown = filters.apply(outcomes)
    context = {
        "edition": edition,
        "rule_form": rule_form,
        "filters": filters,
        "outcomes": shown,
        "counts": {
            "all": len(outcomes),
            "met": sum(o.met for o in outcomes),
            "exceptions": sum(not o.met and o.exception is not None for o in outcomes),
            "certified": sum(o.certificate is not None and not o.certificate.revoked for o in outcomes),
            "to_issue": sum(o.completes and o.certificate is None for o in outcomes),
        },
        "last_run": IssueRun.objects.filter(edition=edition).first(),
        "query": request.GET.urlencode(),
    }
    return render(request, "completion/organiser/overview.html", context, status=status)


@organiser
def overview(request, edition):
    return _page(request, edition, RuleForm(instance=rule_for(edition)))


@require_POST
@organiser
def rule_save(request, edition):
    form = RuleForm(request.POST, instance=rule_for(edition))
    if not form.is_valid():
        return _page(request, edition, form, status=400)
    services.save_rule(form.save(commit=False), by=request.user)
    messages.success(request, _("The completion rule is saved; the table below follows it."))
    return _back(edition)


def _participant(edition, pk):
    return get_object_or_404(participants(edition), pk=pk)


@require_POST
@organiser
def exception_grant(request, edition, pk):
    application = _participant(edition, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.grant_exception(application, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("%(name)s completes by exception.") % {"name": application.applicant})
    else:
        messages.error(request, form.errors["reason"][0])
    return _back(edition)


@require_POST
@organiser
def exception_revoke(request, edition, pk):
    application = _participant(edition, pk)
    if services.revoke_exception(application, by=request.user):
        messages.success(request, _("The exception for %(name)s is revoked.") % {"name": application.applicant})
    return _back(edition)


@organiser
def export_csv(request, edition):
    outcomes = evaluate(edition)
    record("completion.exported", actor=request.user, edition=edition, count=len(outcomes))
    header = ["name", "email", "country", "meets rule", "exception", "reasons", "hours attended", "camera %"]
    header += ["certificate", "certificate issued", "revoked"]
    rows = (
        [
            o.application.applicant.full_name,
            o.application.applicant.email,
            o.application.organisation.country.code if o.application.organisation else "",
            o.met,
            o.exception.reason if o.exception else "",
            "; ".join(o.reasons),
            o.hours,
            o.camera_percent,
            o.certificate is not None,
            o.certificate.issued_at if o.certificate else None,
            o.certificate.revoked_at if o.certificate else None,
        ]
        for o in outcomes
    )
    return csv_response(f"completion-{edition.slug}.csv", header, rows)


@require_POST
@organiser
def issue(request, edition):
    run = services.start_run(edition, by=request.user)
    if not run.total:
        messages.info(request, _("Everyone who completes has a certificate already: nothing to issue."))
    return redirect("completion:run", slug=edition.slug, pk=run.pk)


def _run(edition, pk):
    return get_object_or_404(IssueRun, pk=pk, edition=edition)


@organiser
def run(request, edition, pk):
    return render(request, "completion/organiser/run.html", {"edition": edition, "run": _run(edition, pk)})


@organiser
def run_progress(request, edition, pk):
    """The htmx partial polled by the run page; status 286 tells htmx to stop polling."""
    issuing = _run(edition, pk)
    response = render(request, "completion/organiser/_progress.html", {"edition": edition, "run": issuing})
    if issuing.is_done:
        response.status_code = 286
    return response


@require_POST
@organiser
def certificate_revoke(request, edition, pk):
    certificate = get_object_or_404(Certificate, pk=pk, edition=edition)
    form = ReasonForm(request.POST)
    if form.is_valid():
        certificates.revoke(certificate, reason=form.cleaned_data["reason"], by=request.user)
        text = _("The certificate of %(name)s is revoked; its verification page says so.")
        messages.success(request, text % {"name": certificate.name})
    else:
        messages.error(request, form.errors["reason"][0])
    return _back(edition)


@organiser
def certificate_pdf(request, edition, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("edition__academy"), pk=pk, edition=edition)
    return pdf_response(certificates.stored_pdf(certificate), certificates.filename(certificate))

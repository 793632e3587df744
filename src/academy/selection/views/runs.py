"""Selection runs for organisers: start one, follow its progress, read its result (cohort, charts,
explanations, waitlist, rules), compare two, adopt one, download the audit export."""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from academy.accounts.models import Role
from academy.accounts.services import record
from academy.applications.models import Application
from academy.editions.access import edition_role_required

from .. import offers, runs, summary
from ..models import SelectionRun
from .setup import StartForm

WAITLIST_SHOWN = 100


def _run(edition, number, *, full=True):
    rows = SelectionRun.objects.filter(edition=edition).select_related("created_by", "adopted_by")
    if not full:
        rows = rows.defer("instance", "result", "explanations")
    return get_object_or_404(rows, number=number)


def _people(edition, ids):
    """{id as text: application} for the given candidate ids, one query."""
    pks = [int(i) for i in ids if str(i).isdigit()]
    rows = Application.objects.filter(edition=edition, pk__in=pks).select_related("applicant", "organisation")
    return {str(app.pk): app for app in rows}


@require_POST
@edition_role_required(Role.ORGANISER)
def start(request, edition):
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The seed must be a whole number from 0 to 2147483647, or empty."))
        return redirect("selection:overview", slug=edition.slug)
    try:
        run = runs.start_run(
            edition, by=request.user, seed=form.cleaned_data["seed"], lexicographic=form.cleaned_data["lexicographic"]
        )
    except runs.RunError as error:
        messages.error(request, str(error))
        return redirect("selection:overview", slug=edition.slug)
    return redirect("selection:run", slug=edition.slug, number=run.number)


def _rows(ids, people, candidates, explanations):
    rows = []
    for position, ident in enumerate(ids, 1):
        key = str(ident)
        candidate = candidates.get(key, {})
        application = people.get(key)
        rows.append(
            {
                "position": position,
                "id": ident,
                "application": application,
                "name": (application.applicant.full_name or application.applicant.email) if application else key,
                "organisation": application.organisation.name if application and application.organisation else "",
                "country": candidate.get("country") or "",
                "dimensions": candidate.get("dimensions", {}),
                "score": candidate.get("score"),
                "explanation": (explanations.get(key) or {}).get("message", ""),
                "lock": candidate.get("lock"),
            }
        )
    return rows


@edition_role_required(Role.ORGANISER)
def detail(request, edition, number):
    run = _run(edition, number)
    context = {"edition": edition, "run": run, "finished": run.state in ("done", "failed")}
    result = run.result or {}
    if run.state == SelectionRun.State.DONE and run.instance:
        candidates = {str(c["id"]): c for c in run.instance["candidates"]}
        explanations = run.explanations or {}
        selected = sorted(result.get("selected", []), key=lambda i: -candidates[str(i)]["score"])
        show_all = request.GET.get("waitlist") == "all"
        waitlist = result.get("waitlist", [])
        shown = waitlist if show_all else waitlist[:WAITLIST_SHOWN]
        listed = {str(i) for i in [*selected, *waitlist]}
        locked_out = [c["id"] for c in run.instance["candidates"] if str(c["id"]) not in listed]
        people = _people(edition, [*selected, *shown, *locked_out])
        mixes = summary.mixes(run.instance, selected) if selected else []
        context |= {
            "result": result,
            "cohort": _rows(selected, people, candidates, explanations),
            "waitlist": _rows(shown, people, candidates, explanations),
            "waitlist_total": len(waitlist),
            "waitlist_cut": not show_all and len(waitlist) > WAITLIST_SHOWN,
            "locked_out": _rows(locked_out, people, candidates, explanations),
            "rules": summary.rule_rows(run.instance, result),
            "mixes": mixes,
            "charts": [mix.chart for mix in mixes],
            "pool": len(candidates),
            "others": SelectionRun.objects.filter(edition=edition, state=SelectionRun.State.DONE)
            .exclude(pk=run.pk)
            .values_list("number", flat=True),
            "adopted": runs.adopted_run(edition),
        }
    return render(request, "selection/run.html", context)


@edition_role_required(Role.ORGANISER)
def progress(request, edition, number):
    """The htmx partial polled while a run is queued or running; a finished run reloads the page."""
    run = _run(edition, number, full=False)
    response = render(request, "selection/_progress.html", {"edition": edition, "run": run})
    if run.state in (SelectionRun.State.DONE, SelectionRun.State.FAILED):
        response["HX-Refresh"] = "true"
    return response


@edition_role_required(Role.ORGANISER)
def export(request, edition, number):
    run = _run(edition, number)
    if run.state != SelectionRun.State.DONE:
        raise Http404("This run has not finished.")
    record("selection.run_exported", actor=request.user, obj=run, edition=edition, number=run.number)
    response = HttpResponse(
        json.dumps(runs.export(run), ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-selection-run-{run.number}.json"'
    return response


@require_http_methods(["GET", "POST"])
@edition_role_required(Role.ORGANISER)
def adopt(request, edition, number):
    """GET: what adopting means, with the button; POST: adopt."""
    run = _run(edition, number)
    if request.method == "POST":
        try:
            offers.adopt(run, by=request.user)
        except offers.OfferError as error:  # already adopted, decisions made, or no cohort
            messages.error(request, str(error))
        else:
            messages.success(request, _("Run %(n)d is adopted as the decision.") % {"n": run.number})
        return redirect("selection:run", slug=edition.slug, number=run.number)
    context = {"edition": edition, "run": run, "adopted": runs.adopted_run(edition), "result": run.result or {}}
    return render(request, "selection/adopt.html", context)


@edition_role_required(Role.ORGANISER)
def compare(request, edition):
    done = list(
        SelectionRun.objects.filter(edition=edition, state=SelectionRun.State.DONE)
        .defer("explanations")
        .order_by("number")
    )
    by_number = {str(run.number): run for run in done}
    a, b = by_number.get(request.GET.get("a", "")), by_number.get(request.GET.get("b", ""))
    context = {"edition": edition, "runs": done, "a": a, "b": b}
    if a and b:
        comparison = summary.compare(a, b)
        people = _people(edition, [*comparison.only_a, *comparison.only_b])
        context |= {
            "comparison": comparison,
            "only_a": _rows(comparison.only_a, people, {str(c["id"]): c for c in a.instance["candidates"]}, {}),
            "only_b": _rows(comparison.only_b, people, {str(c["id"]): c for c in b.instance["candidates"]}, {}),
        }
    elif request.GET:
        context["problem"] = _("Choose two finished runs to compare.")
    return render(request, "selection/compare.html", context)

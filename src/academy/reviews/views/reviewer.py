"""The reviewer's pages at /review/<slug>/: the queue, one application per page with the rubric, autosave,
submit, "next unscored", conflicts and their own export. Every page checks the reviewer role, then that
the assignment is theirs, not removed, in review, and free of any conflict."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.access import signed_in
from academy.accounts.models import Role
from academy.applications.models import Application
from academy.core.errors import Refused
from academy.editions.access import edition_role_required
from academy.exports import csv_response
from academy.privacy.audit import logs_access, record_access

from .. import pool, queries, services
from ..conflicts import setup_for
from ..forms import ApplicationConflictForm, ConflictForm
from ..models import Assignment, Conflict, ConflictKind, Recommendation, Reviewer


def _assignment(request, edition, application_id, *, allow_conflict=False):
    """The request's reviewer's assignment to this application, or Refused with the reason."""
    assignment = (
        Assignment.objects.filter(
            queries.scope_filter(), edition=edition, reviewer=request.user, application_id=application_id, removed=False
        )
        .select_related("application__organisation", "application__applicant", "review")
        .first()
    )
    if assignment is None:
        raise Refused(_("This application is not assigned to you."))
    assignment.edition = edition
    if not allow_conflict and (message := services.refusal(assignment, request.user)):
        raise Refused(message)
    return assignment


@edition_role_required(Role.REVIEWER)
def queue(request, edition):
    items = queries.queue(edition, request.user)
    context = {
        "edition": edition,
        "setup": setup_for(edition),
        "items": items,
        "progress": queries.progress(items),
        "next": queries.next_unscored(items),
        "open": services.review_open(edition),
        "closed_message": services.closed_message(edition),
    }
    return render(request, "reviews/queue.html", context)


@edition_role_required(Role.REVIEWER)
def next_unscored(request, edition):
    after = request.GET.get("after")
    item = queries.next_unscored(queries.queue(edition, request.user), int(after) if (after or "").isdigit() else None)
    if item is None:
        messages.success(request, _("You have scored every application assigned to you. Thank you!"))
        return redirect("reviews:queue", slug=edition.slug)
    return redirect("reviews:score", slug=edition.slug, application=item.assignment.application_id)


def _score_context(request, edition, assignment, *, data=None, error=None):
    setup = setup_for(edition)
    criteria = queries.criteria(edition)
    review = getattr(assignment, "review", None)
    chosen = dict(review.scores) if review else {}
    if data is not None:  # a refused submission: show what was typed
        chosen.update({str(c.pk): data.get(f"score-{c.pk}") for c in criteria if data.get(f"score-{c.pk}")})
    items = queries.queue(edition, request.user)
    submitted = review is not None and review.submitted_at is not None
    return {
        "edition": edition,
        "setup": setup,
        "assignment": assignment,
        "application": assignment.application,
        "answers": queries.answers(edition, assignment.application, blind=setup.blind),
        "rubric": [(c, str(chosen.get(str(c.pk), ""))) for c in criteria],
        "review": review,
        "comment": data.get("comment", "") if data is not None else (review.comment if review else ""),
        "recommendation": data.get("recommendation", "")
        if data is not None
        else (review.recommendation if review else ""),
        "recommendations": Recommendation.choices,
        "submitted": submitted,
        "others": queries.other_reviews(assignment) if submitted and setup.show_others_after_submit else None,
        "criteria": criteria,
        "progress": queries.progress(items),
        "next": queries.next_unscored(items, after=assignment.application_id),
        "open": services.review_open(edition),
        "closed_message": services.closed_message(edition),
        "error": error,
        "conflict_form": ApplicationConflictForm(),
    }


@edition_role_required(Role.REVIEWER)
@logs_access("application.viewed", about=(Application, "application"), by_reviewer=True)
def score(request, edition, application):
    assignment = _assignment(request, edition, application)
    return render(request, "reviews/score.html", _score_context(request, edition, assignment))


@require_POST
@edition_role_required(Role.REVIEWER)
def autosave(request, edition, application):
    """htmx: save the scores chosen so far; answers a status line for the live region."""
    assignment = _assignment(request, edition, application)
    criteria = queries.criteria(edition)
    try:
        review = services.save_scores(assignment, by=request.user, data=request.POST, criteria=criteria)
    except services.ReviewRefused as error:
        return render(request, "reviews/_saved.html", {"error": str(error)}, status=422)
    context = {"review": review, "scored": len(review.scores), "criteria": len(criteria), "edition": edition}
    return render(request, "reviews/_saved.html", context)


@require_POST
@edition_role_required(Role.REVIEWER)
def submit(request, edition, application):
    assignment = _assignment(request, edition, application)
    criteria = queries.criteria(edition)
    try:
        services.submit_review(assignment, by=request.user, data=request.POST, criteria=criteria)
    except services.ReviewRefused as error:
        context = _score_context(request, edition, assignment, data=request.POST, error=str(error))
        return render(request, "reviews/score.html", context, status=422)
    progress = queries.progress(queries.queue(edition, request.user))
    messages.success(
        request,
        _("Review submitted: %(done)s of %(total)s scored.") % {"done": progress.submitted, "total": progress.total},
    )
    return redirect(reverse("reviews:next", kwargs={"slug": edition.slug}) + f"?after={application}")


@require_POST
@edition_role_required(Role.REVIEWER)
def declare_application_conflict(request, edition, application):
    assignment = _assignment(request, edition, application, allow_conflict=True)
    form = ApplicationConflictForm(request.POST)
    if not form.is_valid():
        context = _score_context(request, edition, assignment)
        context["conflict_form"] = form
        return render(request, "reviews/score.html", context, status=422)
    pool.declare_conflict(
        edition,
        request.user,
        kind=ConflictKind.APPLICATION,
        application=assignment.application,
        reason=form.cleaned_data["reason"],
    )
    messages.success(request, _("Conflict declared: the organisers will give this application to another reviewer."))
    return redirect("reviews:queue", slug=edition.slug)


@edition_role_required(Role.REVIEWER)
def conflicts(request, edition):
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pool.declare_conflict(
            edition,
            request.user,
            kind=data["kind"],
            organisation=data["organisation"] if data["kind"] == ConflictKind.ORGANISATION else None,
            country=data["country"] if data["kind"] == ConflictKind.COUNTRY else "",
            reason=data["reason"],
        )
        messages.success(request, _("Conflict declared. You will not be given these applications."))
        return redirect("reviews:conflicts", slug=edition.slug)
    rows = Conflict.objects.filter(edition=edition, reviewer=request.user).select_related("organisation")
    context = {"edition": edition, "form": form, "rows": rows, "setup": setup_for(edition)}
    return render(request, "reviews/conflicts.html", context, status=422 if form.errors else 200)


@require_POST
@edition_role_required(Role.REVIEWER)
def withdraw_conflict(request, edition, pk):
    row = get_object_or_404(Conflict, pk=pk, edition=edition, reviewer=request.user)
    pool.withdraw_conflict(row, by=request.user)
    messages.success(request, _("Conflict withdrawn."))
    return redirect("reviews:conflicts", slug=edition.slug)


@edition_role_required(Role.REVIEWER)
def export(request, edition):
    """The reviewer's own scores as CSV; in blind review without any name, e-mail or organisation."""
    blind = setup_for(edition).blind
    criteria = queries.criteria(edition)
    header = ["application"] + ([] if blind else ["applicant", "organisation"])
    header += [c.name for c in criteria] + ["total", "recommendation", "comment", "submitted"]
    rows = []
    for item in queries.queue(edition, request.user):
        app, review = item.assignment.application, item.review
        row = [app.pk]
        if not blind:
            row += [app.applicant.get_full_name(), app.organisation.name if app.organisation else ""]
        scores = review.scores if review else {}
        row += [scores.get(str(c.pk)) for c in criteria]
        row += [
            round(review.total, 1) if review and review.total is not None else None,
            review.get_recommendation_display() if review and review.recommendation else "",
            review.comment if review else "",
            "yes" if item.submitted else "no",
        ]
        rows.append(row)
    record_access("reviews.exported", actor=request.user, edition=edition, by_reviewer=True, rows=len(rows))
    return csv_response(f"my-reviews-{edition.slug}.csv", header, rows)


@signed_in
def accept(request, token):
    """An invitation link: shows what it is for; accepting takes a POST."""
    if request.method == "POST":
        row = pool.accept(token, request.user)
        messages.success(request, _("You are a reviewer of %(edition)s.") % {"edition": row.edition.name})
        return redirect("reviews:queue", slug=row.edition.slug)
    row = Reviewer.objects.select_related("edition").filter(token_hash=Reviewer.hash(token)).first()
    if row is None:
        raise Refused(_("This invitation link is not valid. Ask the organisers to invite you again."), status=404)
    return render(request, "reviews/accept.html", {"invitation": row, "edition": row.edition})

"""The organisers' review board at /orga/<slug>/reviews/: progress per reviewer, reminders, the automatic
assignment, the ranked table with raw and normalised scores and flags, exports, and one application's
reviewers (add, remove, third review)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role, User
from academy.editions.access import edition_role_required
from academy.exports import csv_response, xlsx_response
from academy.privacy.audit import record_access

from .. import assigning, queries, services
from .. import board as tables
from ..assignment import AssignmentInfeasible
from ..conflicts import in_scope, setup_for
from ..forms import AddReviewerForm
from ..models import Assignment
from .board_display import progress_rows, ranking_rows

PER_PAGE = 50


@edition_role_required(Role.ORGANISER)
def board(request, edition):
    ranking = tables.ranked(edition)
    stats = ranking.normalisation
    flagged_only = request.GET.get("flagged") == "1"
    page = Paginator(ranking.flagged() if flagged_only else ranking.order, PER_PAGE).get_page(request.GET.get("page"))
    reviewers = tables.reviewer_progress(edition)
    context = {
        "edition": edition,
        "setup": setup_for(edition),
        "page": page,
        "rows": ranking_rows(tables.board_rows(edition, ranking, list(page.object_list))),
        "flagged_only": flagged_only,
        "reviewers": progress_rows(reviewers, edition.zone),
        "late": sum(1 for r in reviewers if r.submitted < r.assigned),
        "in_review": len(ranking),
        "reviews_submitted": len(stats.z),
        "reviews_assigned": sum(r.assigned for r in reviewers),
        "flagged": len(stats.flagged()),
        "criteria": len(queries.criteria(edition)),
        "newly_conflicted": Assignment.objects.filter(
            edition=edition, removed=False, application__review_conflicts__reviewer=F("reviewer")
        ).count(),
        "open": services.review_open(edition),
        "applications_url": reverse("reviews:application", kwargs={"slug": edition.slug, "application": 0})[:-2],
        "remind": _("Remind"),
        "disagree": _("Reviewers disagree"),
        "third": _("Third review"),
    }
    return render(request, "reviews/board.html", context)


@require_POST
@edition_role_required(Role.ORGANISER)
def run(request, edition):
    try:
        summary = assigning.run_assignment(edition, by=request.user)
    except AssignmentInfeasible as error:
        messages.error(request, _("No assignment is possible. %(why)s") % {"why": error.message})
    else:
        messages.success(request, summary.message())
    return redirect("reviews:board", slug=edition.slug)


@require_POST
@edition_role_required(Role.ORGANISER)
def remind(request, edition):
    only = request.POST.get("reviewer")
    reminded = services.remind_late(
        edition, by=request.user, reviewer_ids=[int(only)] if (only or "").isdigit() else None
    )
    if reminded:
        names = ", ".join(r.get_full_name() or r.email for r in reminded)
        messages.success(request, _("Reminder sent to %(names)s.") % {"names": names})
    else:
        messages.info(request, _("Nobody to remind: every reviewer has submitted their reviews."))
    return redirect("reviews:board", slug=edition.slug)


@edition_role_required(Role.ORGANISER)
def export(request, edition, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = list(tables.export_rows(edition))
    record_access("reviews.exported", actor=request.user, edition=edition, format=fmt, rows=len(rows))
    name = f"reviews-{edition.slug}.{fmt}"
    if fmt == "csv":
        return csv_response(name, tables.EXPORT_HEADER, rows)
    return xlsx_response(name, tables.EXPORT_HEADER, rows, title=_("Reviews"))


def _application(edition, pk):
    return get_object_or_404(in_scope(edition).select_related("applicant", "organisation", "edition"), pk=pk)


@edition_role_required(Role.ORGANISER)
def application(request, edition, application):
    app = _application(edition, application)
    rows = list(
        Assignment.objects.filter(application=app).select_related("reviewer", "review").order_by("removed", "pk")
    )
    assigned = {a.reviewer_id for a in rows if not a.removed}
    reviewers = User.objects.filter(edition_roles__edition=edition, edition_roles__role=Role.REVIEWER).exclude(
        pk__in=assigned
    )
    stats = tables.application_score(edition, app)
    context = {
        "edition": edition,
        "application": app,
        "answers": queries.answers(edition, app, blind=False),
        "assignments": rows,
        "criteria": queries.criteria(edition),
        "stats": stats,
        "form": AddReviewerForm(reviewers=reviewers.order_by("full_name", "email")),
    }
    return render(request, "reviews/application.html", context)


@require_POST
@edition_role_required(Role.ORGANISER)
def add_reviewer(request, edition, application):
    app = _application(edition, application)
    users = User.objects.filter(edition_roles__edition=edition, edition_roles__role=Role.REVIEWER)
    form = AddReviewerForm(request.POST, reviewers=users)
    if not form.is_valid():
        messages.error(request, _("Choose one of the edition's reviewers."))
    else:
        try:
            assigning.add_reviewer(app, form.cleaned_data["reviewer"], by=request.user)
        except assigning.AssignmentRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(who)s now reviews this application.") % {"who": form.cleaned_data["reviewer"]}
            )
    return redirect("reviews:application", slug=edition.slug, application=app.pk)


@require_POST
@edition_role_required(Role.ORGANISER)
def remove(request, edition, pk):
    row = get_object_or_404(Assignment.objects.select_related("reviewer"), pk=pk, edition=edition, removed=False)
    assigning.remove_assignment(row, by=request.user)
    messages.success(
        request,
        _("%(who)s no longer reviews this application; the automatic assignment will not bring them back.")
        % {"who": row.reviewer},
    )
    return redirect("reviews:application", slug=edition.slug, application=row.application_id)


@require_POST
@edition_role_required(Role.ORGANISER)
def third(request, edition, application):
    app = _application(edition, application)
    try:
        row = assigning.assign_third_reviewer(app, by=request.user)
    except assigning.AssignmentRefused as error:
        messages.error(request, str(error))
    else:
        who = User.objects.get(pk=row.reviewer_id)
        messages.success(
            request, _("%(who)s will give application %(app)s a third review.") % {"who": who, "app": app.pk}
        )
    if request.POST.get("back") == "board":
        return redirect("reviews:board", slug=edition.slug)
    return redirect("reviews:application", slug=edition.slug, application=app.pk)

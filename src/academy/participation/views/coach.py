"""Coaches review the hand-ins of the assignments they are named reviewer of; organisers see them all."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from academy.accounts.access import has_edition_role
from academy.accounts.models import Role
from academy.editions.access import edition_role_required
from academy.privacy.audit import logs_access

from .. import homework, queries
from ..access import file_download_view
from ..forms import FeedbackForm
from ..models import Feedback, HandIn
from .common import add_errors, file_download, url_prefix


def _sees_everything(user, edition):
    return has_edition_role(user, edition, Role.ORGANISER)


@edition_role_required(Role.COACH, Role.ORGANISER)
def review_list(request, edition):
    everything = _sees_everything(request.user, edition)
    context = {
        "edition": edition,
        "hand_ins": queries.hand_ins_to_review(
            edition, request.user, everything=everything, page=request.GET.get("page")
        ),
        "assignments": list(queries.reviewed_assignments(edition, request.user, everything=everything)),
        "everything": everything,
        "review_url": url_prefix("participation:hand_in_review", edition.slug),
    }
    return render(request, "participation/coach/review_list.html", context)


def _hand_in_for(request, edition, pk):
    """The hand-in, if it belongs to this edition (404) and the person may review it (403)."""
    feedback = Feedback.objects.select_related("coach").order_by("created_at", "pk")
    item = get_object_or_404(
        HandIn.objects.select_related(
            "assignment__edition", "assignment__reviewer", "application__applicant"
        ).prefetch_related("assignment__attachments", Prefetch("feedback", queryset=feedback)),
        pk=pk,
        assignment__edition=edition,
    )
    if not homework.may_review(request.user, item.assignment):
        raise PermissionDenied
    return item


@edition_role_required(Role.COACH, Role.ORGANISER)
@logs_access("hand_in.viewed", about=(HandIn, "pk"))
def hand_in_review(request, edition, pk):
    item = _hand_in_for(request, edition, pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            homework.give_feedback(item, coach=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your feedback is saved and the participant has been told."))
            return redirect("participation:hand_in_review", slug=edition.slug, pk=item.pk)
    context = {"edition": edition, "hand_in": item, "assignment": item.assignment, "form": form}
    return render(request, "participation/coach/hand_in.html", context, status=400 if form.errors else 200)


@file_download_view
@logs_access("hand_in.exported", about=(HandIn, "pk"))
def hand_in_download(request, edition, pk):
    """The reviewing coach and the organisers download; anyone else finds nothing (404, not 403)."""
    if not has_edition_role(request.user, edition, Role.COACH, Role.ORGANISER):
        raise PermissionDenied
    item = _hand_in_for(request, edition, pk)
    return file_download(item.file.name, item.original_name, item.kind)

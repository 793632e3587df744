"""Organisers: assignments, who has handed in what, reminders and the homework export."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.editions.access import edition_role_required
from academy.exports import csv_response, xlsx_response
from academy.privacy.audit import logs_access

from .. import homework, queries
from ..forms import AssignmentForm, AttachmentForm
from ..models import AssignmentAttachment, HomeworkAssignment
from .common import url_prefix

organiser = edition_role_required(Role.ORGANISER)


@organiser
def overview(request, edition):
    context = {
        "edition": edition,
        "matrix": queries.homework_matrix(edition),
        "review_url": url_prefix("participation:hand_in_review", edition.slug),
    }
    return render(request, "participation/organiser/homework.html", context)


def _assignment(edition, pk):
    return get_object_or_404(queries.assignments(edition).prefetch_related("attachments"), pk=pk)


@organiser
def assignment_form(request, edition, pk=None):
    assignment = _assignment(edition, pk) if pk else HomeworkAssignment(edition=edition)
    form = AssignmentForm(request.POST or None, instance=assignment, reviewers=homework.reviewers_for(edition))
    if request.method == "POST" and form.is_valid():
        homework.save_assignment(form.save(commit=False), by=request.user)
        messages.success(request, _("The assignment is saved."))
        return redirect("participation:assignment_edit", slug=edition.slug, pk=form.instance.pk)
    context = {"edition": edition, "assignment": assignment, "form": form, "attachment_form": AttachmentForm()}
    return render(request, "participation/organiser/assignment_form.html", context, status=400 if form.errors else 200)


@require_POST
@organiser
def attachment_add(request, edition, pk):
    assignment = _assignment(edition, pk)
    attachment_form = AttachmentForm(request.POST, request.FILES)
    if attachment_form.is_valid():
        homework.add_attachment(assignment, attachment_form.cleaned_data["file"], by=request.user)
        messages.success(request, _("The file is added to the brief."))
        return redirect("participation:assignment_edit", slug=edition.slug, pk=assignment.pk)
    form = AssignmentForm(instance=assignment, reviewers=homework.reviewers_for(edition))
    context = {"edition": edition, "assignment": assignment, "form": form, "attachment_form": attachment_form}
    return render(request, "participation/organiser/assignment_form.html", context, status=400)


@require_POST
@organiser
def attachment_delete(request, edition, pk):
    attachment = get_object_or_404(
        AssignmentAttachment.objects.select_related("assignment__edition"), pk=pk, assignment__edition=edition
    )
    homework.remove_attachment(attachment, by=request.user)
    messages.success(request, _("The file is removed from the brief."))
    return redirect("participation:assignment_edit", slug=edition.slug, pk=attachment.assignment_id)


@require_POST
@organiser
def assignment_delete(request, edition, pk):
    assignment = _assignment(edition, pk)
    try:
        homework.delete_assignment(assignment, by=request.user)
    except homework.AssignmentHasHandIns as refused:
        messages.error(request, str(refused))
        return redirect("participation:assignment_edit", slug=edition.slug, pk=assignment.pk)
    messages.success(request, _("The assignment is deleted."))
    return redirect("participation:organiser_homework", slug=edition.slug)


@require_POST
@organiser
def remind(request, edition, pk):
    assignment = _assignment(edition, pk)
    if not assignment.accepts_hand_ins():
        messages.error(request, _("This assignment no longer accepts hand-ins: no reminder was sent."))
    else:
        count = homework.send_reminders(assignment, by=request.user)
        messages.success(
            request, _("Reminder sent to %(count)d participant(s) who have not handed in.") % {"count": count}
        )
    return redirect("participation:organiser_homework", slug=edition.slug)


def _export_rows(edition):
    matrix = queries.homework_matrix(edition)
    header = [_("Participant"), _("E-mail"), _("Organisation")]
    for assignment in matrix.assignments:
        header += [
            f"{assignment.title}: {_('status')}",
            f"{assignment.title}: {_('handed in at')} ({edition.time_zone})",
            f"{assignment.title}: {_('feedback given at')} ({edition.time_zone})",
        ]
    yield header
    for row in matrix.rows:
        person = row.application.applicant
        line = [person.full_name, person.email, str(row.application.organisation or "")]
        for cell in row.cells:
            when = _local(cell.hand_in.submitted_at, edition) if cell.hand_in else ""
            line += [str(cell.label), when, _local(cell.feedback_at, edition)]
        yield line


def _local(moment, edition):
    return moment.astimezone(edition.zone).strftime("%Y-%m-%d %H:%M") if moment else ""


@organiser
@logs_access("homework.exported", format="csv")
def export_csv(request, edition):
    header, *rows = _export_rows(edition)
    return csv_response(f"homework-{edition.slug}.csv", header, rows)


@organiser
@logs_access("homework.exported", format="xlsx")
def export_xlsx(request, edition):
    header, *rows = _export_rows(edition)
    return xlsx_response(f"homework-{edition.slug}.xlsx", header, rows, title=_("Homework"))

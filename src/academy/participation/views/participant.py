"""A confirmed participant's pages: homework, the info pack and needs, surveys."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.applications.queries import participants

from .. import homework, info, queries, surveys
from ..access import file_download_view, may_read_briefs, participant_required
from ..forms import HandInForm, NeedsForm, SurveyAnswerForm
from ..models import AssignmentAttachment, Feedback, HandIn, InfoPack, ParticipantNeeds, Survey, SurveyRespondent
from .common import add_errors, file_download, pdf_download


@participant_required
def homework_list(request, edition, application):
    items = queries.my_homework(edition, application)
    rows = [(a, a.mine[0] if a.mine else None) for a in items]
    rows = [(a, h, homework.STATUS_LABELS[homework.status_of(a, h)]) for a, h in rows]
    return render(request, "participation/participant/homework_list.html", {"edition": edition, "rows": rows})


def _my_hand_in(assignment, application):
    feedback = Feedback.objects.select_related("coach").order_by("created_at", "pk")
    return (
        HandIn.objects.filter(assignment=assignment, application=application)
        .prefetch_related(Prefetch("feedback", queryset=feedback))
        .first()
    )


@participant_required
def homework_detail(request, edition, application, pk):
    assignment = get_object_or_404(queries.assignments(edition).prefetch_related("attachments"), pk=pk)
    current = _my_hand_in(assignment, application)
    initial = {"text": current.text} if current else None
    form = HandInForm(request.POST or None, request.FILES or None, current=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            homework.hand_in(
                assignment,
                application,
                text=data["text"],
                file=data["file"],
                remove_file=data.get("remove_file", False),
            )
        except homework.HomeworkClosed as closed:
            form.add_error(None, _("%(reason)s Your text is kept below; nothing was saved.") % {"reason": closed})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your homework is handed in."))
            return redirect("participation:homework_detail", slug=edition.slug, pk=assignment.pk)
    now = timezone.now()
    context = {
        "edition": edition,
        "assignment": assignment,
        "hand_in": current,
        "form": form,
        "open": assignment.accepts_hand_ins(now),
        "late_now": assignment.accepts_hand_ins(now) and assignment.is_late(now),
    }
    return render(
        request, "participation/participant/homework_detail.html", context, status=400 if form.errors else 200
    )


@file_download_view
def hand_in_file(request, edition, pk):
    """The participant's own file; anyone else (another participant, someone outside the edition) finds nothing."""
    item = get_object_or_404(HandIn, pk=pk, application__in=participants(edition).filter(applicant=request.user))
    return file_download(item.file.name, item.original_name, item.kind)


@file_download_view
def attachment_file(request, edition, pk):
    if not may_read_briefs(request.user, edition):
        raise PermissionDenied
    attachment = get_object_or_404(AssignmentAttachment, pk=pk, assignment__edition=edition)
    return file_download(attachment.file.name, attachment.original_name, attachment.kind)


def _pack(edition):
    return InfoPack.objects.filter(edition=edition).first()


@participant_required
def info_pack(request, edition, application):
    needs = ParticipantNeeds.objects.filter(application=application).first()
    context = {"edition": edition, "pack": _pack(edition), "needs": needs}
    return render(request, "participation/participant/info_pack.html", context)


@participant_required
def info_pack_pdf(request, edition, application):
    pack = _pack(edition)
    if pack is None:
        raise Http404(_("The info pack is not ready yet."))
    return pdf_download(info.info_pack_pdf(pack), f"info-pack-{edition.slug}.pdf")


@participant_required
def my_needs(request, edition, application):
    needs = ParticipantNeeds.objects.filter(application=application).first()
    initial = {"dietary": "none"}
    if needs:
        initial = {"dietary": needs.dietary, "dietary_notes": needs.dietary_notes, "accessibility": needs.accessibility}
    form = NeedsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            info.record_needs(application, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your needs are saved."))
            return redirect("participation:info_pack", slug=edition.slug)
    return render(
        request,
        "participation/participant/needs.html",
        {"edition": edition, "form": form},
        status=400 if form.errors else 200,
    )


@participant_required
def survey_list(request, edition, application):
    now = timezone.now()
    opened = Survey.objects.filter(edition=edition, opens_at__lte=now).order_by("-opens_at")
    answered = set(
        SurveyRespondent.objects.filter(survey__in=opened, application=application).values_list("survey_id", flat=True)
    )
    rows = [(s, s.pk in answered, s.is_open(now)) for s in opened]
    return render(request, "participation/participant/survey_list.html", {"edition": edition, "rows": rows})


@participant_required
def survey_answer(request, edition, application, pk):
    now = timezone.now()
    survey = get_object_or_404(Survey.objects.filter(edition=edition, opens_at__lte=now), pk=pk)
    survey.edition = edition
    questions = list(survey.questions.all())
    mine = surveys.my_response(survey, application)
    answered = mine is not None or surveys.has_answered(survey, application)
    form = SurveyAnswerForm(request.POST or None, questions=questions, initial=mine.answers if mine else None)
    if request.method == "POST" and form.is_valid():
        try:
            surveys.answer(survey, application, form.answers())
        except (surveys.SurveyClosed, surveys.AlreadyAnswered) as refused:
            form.add_error(None, _("%(reason)s Nothing was saved.") % {"reason": refused})
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your answers are saved."))
            return redirect("participation:survey_answer", slug=edition.slug, pk=survey.pk)
    can_answer = survey.is_open(now) and not (survey.anonymous and answered)
    context = {"edition": edition, "survey": survey, "form": form, "answered": answered, "can_answer": can_answer}
    return render(request, "participation/participant/survey_answer.html", context, status=400 if form.errors else 200)

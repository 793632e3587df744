"""Organisers: build surveys, open and close them, read the results, remind those who have not answered."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.accounts.services import record
from academy.applications.queries import participants
from academy.editions.access import edition_role_required
from academy.exports import csv_response
from academy.privacy.audit import logs_access

from .. import queries, surveys
from ..forms import QuestionForm, SurveyForm
from ..models import Survey, SurveyQuestion

organiser = edition_role_required(Role.ORGANISER)


def _survey(edition, pk):
    survey = get_object_or_404(Survey, pk=pk, edition=edition)
    survey.edition = edition
    return survey


@organiser
def survey_list(request, edition):
    items = list(Survey.objects.filter(edition=edition))
    answered = queries.respondent_counts(items)
    cohort = participants(edition).count()
    form = SurveyForm(request.POST or None, instance=Survey(edition=edition))
    if request.method == "POST" and form.is_valid():
        survey = form.save()
        record("survey.created", actor=request.user, obj=survey, edition=edition)
        messages.success(request, _("The survey is created: now add its questions."))
        return redirect("participation:survey_edit", slug=edition.slug, pk=survey.pk)
    rows = [(s, answered.get(s.pk, 0)) for s in items]
    context = {"edition": edition, "rows": rows, "cohort": cohort, "form": form}
    return render(request, "participation/organiser/survey_list.html", context, status=400 if form.errors else 200)


@organiser
def survey_edit(request, edition, pk):
    survey = _survey(edition, pk)
    locked = surveys.questions_locked(survey)
    form = SurveyForm(request.POST or None, instance=survey, locked=locked)
    if request.method == "POST" and form.is_valid():
        form.save()
        record("survey.changed", actor=request.user, obj=survey, edition=edition)
        messages.success(request, _("The survey is saved."))
        return redirect("participation:survey_edit", slug=edition.slug, pk=survey.pk)
    return _builder(request, edition, survey, form=form, locked=locked)


def _builder(request, edition, survey, *, form=None, question_form=None, locked=None):
    locked = surveys.questions_locked(survey) if locked is None else locked
    questions = list(survey.questions.all())
    next_position = (questions[-1].position + 1) if questions else 1
    context = {
        "edition": edition,
        "survey": survey,
        "form": form or SurveyForm(instance=survey, locked=locked),
        "questions": questions,
        "question_form": question_form or QuestionForm(initial={"position": next_position}),
        "locked": locked,
    }
    errors = (form and form.errors) or (question_form and question_form.errors)
    return render(request, "participation/organiser/survey_edit.html", context, status=400 if errors else 200)


@require_POST
@organiser
def question_add(request, edition, pk):
    survey = _survey(edition, pk)
    if surveys.questions_locked(survey):
        messages.error(request, _("People have answered this survey: its questions can no longer change."))
        return redirect("participation:survey_edit", slug=edition.slug, pk=survey.pk)
    question_form = QuestionForm(request.POST, instance=SurveyQuestion(survey=survey))
    if question_form.is_valid():
        question_form.save()
        messages.success(request, _("The question is added."))
        return redirect("participation:survey_edit", slug=edition.slug, pk=survey.pk)
    return _builder(request, edition, survey, question_form=question_form)


@organiser
def question_edit(request, edition, pk, question):
    survey = _survey(edition, pk)
    item = get_object_or_404(SurveyQuestion, pk=question, survey=survey)
    locked = surveys.questions_locked(survey)
    # bound on every POST, even an empty one: the refusal below is added to a cleaned form
    form = QuestionForm(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST" and locked:
        form.add_error(None, _("People have answered this survey: its questions can no longer change."))
    elif request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The question is saved."))
        return redirect("participation:survey_edit", slug=edition.slug, pk=survey.pk)
    context = {"edition": edition, "survey": survey, "question": item, "form": form, "locked": locked}
    return render(request, "participation/organiser/question_form.html", context, status=400 if form.errors else 200)


@require_POST
@organiser
def question_delete(request, edition, pk, question):
    survey = _survey(edition, pk)
    item = get_object_or_404(SurveyQuestion, pk=question, survey=survey)
    if surveys.questions_locked(survey):
        messages.error(request, _("People have answered this survey: its questions can no longer change."))
    else:
        item.delete()
        messages.success(request, _("The question is deleted."))
    return redirect("participation:survey_edit", slug=edition.slug, pk=survey.pk)


@require_POST
@organiser
def survey_open(request, edition, pk):
    survey = _survey(edition, pk)
    try:
        surveys.open_survey(survey, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The survey is open: participants can answer it now."))
    return redirect("participation:survey_edit", slug=edition.slug, pk=survey.pk)


@require_POST
@organiser
def survey_close(request, edition, pk):
    survey = _survey(edition, pk)
    surveys.close_survey(survey, by=request.user)
    messages.success(request, _("The survey is closed."))
    return redirect("participation:survey_edit", slug=edition.slug, pk=survey.pk)


@organiser
def survey_results(request, edition, pk):
    survey = _survey(edition, pk)
    results = surveys.results(survey)
    missing = list(queries.non_respondents(survey))
    answered = survey.respondents.count()
    context = {
        "edition": edition,
        "survey": survey,
        "results": results,
        "charts": [r.chart for r in results if r.rows],
        "missing": missing,
        "answered": answered,
        "is_open": survey.is_open(),
    }
    return render(request, "participation/organiser/survey_results.html", context)


@organiser
@logs_access("survey.exported", about=(Survey, "pk"))
def survey_export(request, edition, pk):
    survey = _survey(edition, pk)
    header, *rows = surveys.export_rows(survey)
    return csv_response(f"survey-{survey.pk}-{edition.slug}.csv", header, rows)


@require_POST
@organiser
def survey_remind(request, edition, pk):
    survey = _survey(edition, pk)
    if not survey.is_open():
        messages.error(request, _("The survey is not open: no reminder was sent."))
    else:
        count = surveys.send_reminders(survey, by=request.user)
        messages.success(
            request, _("Reminder sent to %(count)d participant(s) who have not answered.") % {"count": count}
        )
    return redirect("participation:survey_results", slug=edition.slug, pk=survey.pk)

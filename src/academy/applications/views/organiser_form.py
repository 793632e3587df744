"""The organiser's form builder for one edition."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.models import Role
from academy.editions.access import edition_role_required

from .. import form_builder, standard_form
from ..forms import QuestionForm
from ..models import Question


def _back(edition):
    return redirect("applications:form_builder", slug=edition.slug)


@edition_role_required(Role.ORGANISER)
def form_builder_page(request, edition):
    questions = list(Question.objects.filter(edition=edition).order_by("position", "pk"))
    answered = form_builder.answered_keys(edition, questions)
    rows = [(q, q.key in answered) for q in questions]
    return render(request, "applications/form_builder.html", {"edition": edition, "rows": rows})


@edition_role_required(Role.ORGANISER)
def question_edit(request, edition, pk=None):
    question = get_object_or_404(Question, pk=pk, edition=edition) if pk else Question(edition=edition)
    answered = bool(pk) and form_builder.has_answers(question)
    form = QuestionForm(request.POST or None, instance=question, edition=edition, answered=answered)
    if request.method == "POST" and form.is_valid():
        form_builder.save_question(form.save(commit=False), by=request.user)
        messages.success(request, _("Saved “%(label)s”.") % {"label": form.instance.label})
        return _back(edition)
    return render(
        request,
        "applications/question_form.html",
        {"edition": edition, "form": form, "question": question, "answered": answered},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@edition_role_required(Role.ORGANISER)
def question_delete(request, edition, pk):
    question = get_object_or_404(Question, pk=pk, edition=edition)
    try:
        form_builder.delete_question(question, by=request.user)
    except form_builder.FormBuilderError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Deleted “%(label)s”.") % {"label": question.label})
    return _back(edition)


@require_POST
@edition_role_required(Role.ORGANISER)
def question_move(request, edition, pk):
    question = get_object_or_404(Question, pk=pk, edition=edition)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        form_builder.move_question(question, direction, by=request.user)
    return _back(edition)


@require_POST
@edition_role_required(Role.ORGANISER)
def install_standard(request, edition):
    added = standard_form.install(edition, by=request.user)
    if added:
        messages.success(request, _("Added %(n)d standard questions.") % {"n": added})
    else:
        messages.info(request, _("The form already has every standard question."))
    return _back(edition)

"""The organiser's form builder: questions added, changed, ordered and deleted per edition. A question
that has answers keeps its type and key (answers would no longer fit), and cannot be deleted."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.core.errors import Refused

from .models import Application, Question, SubmittedVersion


class FormBuilderError(Refused):
    status = 422


def answered_keys(edition, questions):
    """The keys among `questions` that some draft or submitted version answers: two queries, any count."""
    keys = [q.key for q in questions]
    if not keys:
        return set()
    found = set()
    for model, prefix in ((Application, ""), (SubmittedVersion, "application__")):
        counts = model.objects.filter(**{f"{prefix}edition": edition}).aggregate(
            **{f"k{i}": Count("pk", filter=Q(answers__has_key=key)) for i, key in enumerate(keys)}
        )
        found |= {keys[i] for i in range(len(keys)) if counts[f"k{i}"]}
    return found


def has_answers(question):
    return question.key in answered_keys(question.edition, [question])


@transaction.atomic
def save_question(question, *, by):
    """Create or update a question; a new one goes to the end of the form."""
    created = question.pk is None
    if created:
        last = Question.objects.filter(edition=question.edition).order_by("-position").first()
        question.position = (last.position if last else 0) + 1
    question.save()
    record(
        "form.question_added" if created else "form.question_changed",
        actor=by,
        obj=question,
        edition=question.edition,
        key=question.key,
        type=question.type,
    )
    return question


@transaction.atomic
def delete_question(question, *, by):
    if has_answers(question):
        raise FormBuilderError(
            _("“%(label)s” has answers and cannot be deleted. Make it optional instead.") % {"label": question.label}
        )
    record("form.question_deleted", actor=by, obj=question, edition=question.edition, key=question.key)
    question.delete()


@transaction.atomic
def move_question(question, direction, *, by):
    """Move a question one place up or down; positions are renumbered 1..n on the way."""
    ordered = list(Question.objects.select_for_update().filter(edition=question.edition).order_by("position", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, q in enumerate(ordered, 1):
        q.position = position
    Question.objects.bulk_update(ordered, ["position"])
    record("form.question_moved", actor=by, obj=question, edition=question.edition, direction=direction)

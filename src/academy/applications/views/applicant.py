"""The applicant's pages: start, the form with autosave, submit, withdraw and undo, and their list."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from academy.accounts.access import signed_in
from academy.editions.models import Edition
from academy.editions.times import format_in_zone

from .. import answers as answer_rules
from .. import eligibility, services, wording
from ..models import Application, QuestionType
from .forms_state import FormState, pending_restore, stash_pending

T = QuestionType


def apply_url(edition):
    return reverse("applications:apply", kwargs={"slug": edition.slug})


def applicant_view(view):
    """Signed in, the edition loaded; a person whose session ran out is sent to log in and back to the form,
    and what they had just typed is kept in the session to be saved once they are back."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        edition = get_object_or_404(Edition.objects.select_related("academy"), slug=slug)
        if not request.user.is_authenticated:
            if request.method == "POST":
                stash_pending(request, edition)
            to_login = redirect_to_login(apply_url(edition))
            if request.htmx:
                response = HttpResponse(_("You were signed out. Log in again to continue."), status=200)
                response["HX-Redirect"] = to_login.url
                return response
            return to_login
        return view(request, edition, *args, **kwargs)

    wrapped.access = "signed-in"
    return wrapped


def _own(edition, user):
    return Application.objects.select_related("edition", "organisation").filter(edition=edition, applicant=user).first()


def _page(request, edition, application, state, *, status=200):
    now = timezone.now()
    verdict = eligibility.check(request.user, edition)
    versions = list(application.versions.order_by("-number")) if application else []
    latest = versions[0] if versions else None
    context = {
        "edition": edition,
        "application": application,
        "verdict": verdict,
        "is_open": edition.accepts_applications(now),
        "closed_message": services.closed_message(edition, now),
        "state": state,
        "versions": versions,
        "latest": latest,
        "latest_at": wording.when(latest.submitted_at, edition) if latest else "",
        "unsubmitted_changes": bool(latest) and latest.answers != application.answers,
        "deadline": edition.deadline,
        "fields": state.fields(edition, application.answers if application else {}),
        "progress": answer_rules.progress(state.questions, application.answers if application else {}),
    }
    if latest:
        context["submitted_rows"] = [(q, answer_rules.as_text(q, latest.answers.get(q.key))) for q in state.questions]
    return render(request, "applications/apply.html", context, status=status)


@applicant_view
def apply(request, edition):
    """GET: the form. POST: save the draft, and submit it when the button said so."""
    application = _own(edition, request.user)
    questions = services.questions_of(edition)
    if request.method == "GET":
        if application is not None:
            pending_restore(request, application)
        return _page(request, edition, application, FormState.stored(questions, application))
    if application is None:
        try:
            application = services.start_application(request.user, edition)
        except services.ApplyError as error:
            messages.error(request, error.message)
            return redirect(apply_url(edition))
    changes, seen = _posted(questions, request)
    state = FormState.posted(questions, application, changes)
    try:
        result = services.save_draft(application, changes, based_on_revision=seen)
    except services.NotEditable as error:
        state.top_error = error.message
        return _page(request, edition, application, state, status=409)
    state.absorb(result)
    if not result.ok:
        state.top_error = _("Some answers were not saved; see the messages next to them.")
        return _page(request, edition, application, state, status=400)
    if request.POST.get("action") != "submit":
        return _saved(request, edition, result)
    return _submit(request, edition, application, state, result)


def _posted(questions, request):
    """The answers in the post ({key: raw value}) and the revision each field was shown at ({key: number})."""
    changes = {}
    for q in questions:
        raw = answer_rules.raw_from_post(q, request.POST, request.FILES)
        if raw is not None:
            changes[q.key] = raw
    seen = {q.key: _int(request.POST.get(f"seen-{q.key}")) for q in questions}
    return changes, seen


def _saved(request, edition, result):
    """A draft saved (but not submitted): say when, or that the call closed meanwhile."""
    if result.late:
        messages.error(request, result.late + " " + _("What you typed is kept as a draft, but it was not submitted."))
    else:
        messages.success(
            request,
            _("Saved at %(time)s. Your draft is not submitted yet.")
            % {"time": format_in_zone(result.saved_at, edition, "H:i:s")},
        )
    return redirect(apply_url(edition))


def _submit(request, edition, application, state, result):
    """Submit the draft just saved: a receipt message, or the form again with what keeps it from going in."""
    try:
        outcome = services.submit(application, by=request.user, revision=result.revision)
    except services.CallClosed as error:
        messages.error(request, error.message + " " + _("What you typed is kept as a draft, but it was not submitted."))
        return redirect(apply_url(edition))
    except services.Incomplete as error:
        state.problems = error.problems
        state.top_error = error.message
        return _page(request, edition, application, state, status=400)
    except services.ApplyError as error:
        state.top_error = error.message
        return _page(request, edition, application, state, status=409)
    version = outcome.version
    at = wording.when(version.submitted_at, edition)
    if outcome.created:
        messages.success(
            request,
            _("Your application was submitted on %(at)s (version %(n)d). A receipt is on its way by e-mail.")
            % {"at": at, "n": version.number},
        )
    else:
        messages.info(
            request, _("Nothing changed since version %(n)d, submitted on %(at)s.") % {"n": version.number, "at": at}
        )
    return redirect(apply_url(edition))


def _int(value):
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


@require_POST
@applicant_view
def start(request, edition):
    try:
        services.start_application(request.user, edition)
    except services.ApplyError as error:
        messages.error(request, error.message)
        return redirect(edition.get_absolute_url())
    return redirect(apply_url(edition))


@require_POST
@applicant_view
def autosave(request, edition, key):
    """Save one field (htmx) and answer with its status, the field's new revision and the progress."""
    application = _own(edition, request.user)
    questions = services.questions_of(edition)
    question = next((q for q in questions if q.key == key), None)
    if application is None or question is None:
        raise Http404
    raw = answer_rules.raw_from_post(question, request.POST, request.FILES)
    if raw is None and question.type == T.FILE:
        return HttpResponse(status=204)
    seen = {key: _int(request.POST.get(f"seen-{key}"))}
    context = {"edition": edition, "question": question, "error": "", "late": ""}
    try:
        result = services.save_draft(
            application, {key: "" if raw is None else raw}, based_on_revision=seen, questions=questions
        )
    except services.NotEditable as error:
        context["error"] = error.message
        return HttpResponse(render_to_string("applications/_autosave.html", context))
    answered, total = answer_rules.progress(questions, application.answers)
    context.update(
        error=result.errors.get(key) or result.conflicts.get(key, ""),
        late=result.late,
        seen=result.seen.get(key, seen[key]),
        saved_at=format_in_zone(result.saved_at, edition, "H:i:s"),
        answered=answered,
        total=total,
        file=application.answers.get(key) if question.type == T.FILE else None,
        application=application,
    )
    # rendered without the request: a fragment needs none of the page's context processors
    return HttpResponse(render_to_string("applications/_autosave.html", context))


@require_POST
@applicant_view
def withdraw(request, edition):
    application = _own(edition, request.user)
    if application is None:
        raise Http404
    try:
        services.withdraw(application, by=request.user, reason=request.POST.get("reason", "")[:500].replace("\x00", ""))
    except services.ApplyError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You withdrew your application. You can undo this until the deadline."))
    return redirect(apply_url(edition))


@require_POST
@applicant_view
def undo_withdrawal(request, edition):
    application = _own(edition, request.user)
    if application is None:
        raise Http404
    try:
        services.undo_withdrawal(application, by=request.user)
    except services.ApplyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your application is back: %(status)s.") % {"status": application.get_status_display().lower()}
        )
    return redirect(apply_url(edition))


@signed_in
def my_applications(request):
    rows = (
        Application.objects.filter(applicant=request.user)
        .select_related("edition", "organisation", "offer")  # offer: the selection app's, linked when there is one
        .annotate(version_count=Count("versions"))
        .order_by("-edition__year", "-created_at")
    )
    now = timezone.now()
    items = [
        {
            "application": a,
            "submitted": wording.when(a.submitted_at, a.edition) if a.submitted_at else "",
            "is_open": a.edition.accepts_applications(now),
        }
        for a in rows
    ]
    return render(request, "applications/my_applications.html", {"items": items})

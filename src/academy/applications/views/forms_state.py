"""What the apply form shows: each answer as the person typed it (stored, or posted and refused), the
revision each field was seen at, and the problems next to each field. Also the small safety net for a
session that runs out while someone types: the post is kept in the session and saved after login."""

from dataclasses import dataclass

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import answers as answer_rules
from .. import services
from ..models import Application, QuestionType

T = QuestionType
PENDING = "pending_answers"
TYPED = (T.SHORT_TEXT, T.LONG_TEXT, T.NUMBER, T.URL, T.DATE)


@dataclass
class Field:
    """One question as the form shows it, with its autosave attributes (htmx) worked out once.

    A tab's autosaves queue one behind the other (hx-sync on the form), so they reach the server in the
    order they were made, each sending the revision the previous one returned."""

    q: object
    value: object
    seen: int
    problem: str
    url: str

    @property
    def key(self):
        return self.q.key

    @property
    def name(self):
        return answer_rules.field_name(self.q)

    @property
    def has_help(self):
        return bool(self.q.help_text or self.q.limit or self.q.type in (T.FILE, T.CONSENT))

    @property
    def described_by(self):
        return ("help-{0} " if self.has_help else "").format(self.key) + f"error-{self.key} status-{self.key}"

    @property
    def hx(self):
        trigger = "keyup changed delay:800ms, change" if self.q.type in TYPED else "change"
        return format_html(
            'hx-post="{url}" hx-target="#status-{key}" hx-swap="innerHTML" hx-trigger="{trigger}" '
            'hx-params="application,{name},{name}-present,seen-{key}" hx-sync="closest form:queue all"{enc}',
            url=self.url,
            key=self.key,
            name=self.name,
            trigger=trigger,
            enc=format_html(' hx-encoding="{}"', "multipart/form-data") if self.q.type == T.FILE else "",
        )


def shown(question, value, *, posted=False):
    """A stored value (or a raw posted one) in the shape the form template needs."""
    kind = question.type
    if kind == T.MULTIPLE_CHOICE:
        return list(value or [])
    if kind in answer_rules.TICKED:
        if posted:
            return isinstance(value, str) and value.lower() in ("on", "true", "yes", "1")
        if kind == T.CONSENT:  # agreed to an earlier version of the notice: ask again
            return isinstance(value, dict) and value.get("version") == question.consent_version
        return bool(value)
    if kind == T.YES_NO:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value or ""
    if kind == T.FILE:
        return value if isinstance(value, dict) else None
    return "" if value is None else str(value)


class FormState:
    def __init__(self, questions, values, seen):
        self.questions = questions
        self.values = values
        self.seen = seen
        self.errors = {}
        self.problems = {}
        self.top_error = ""

    @classmethod
    def stored(cls, questions, application):
        answers = application.answers if application else {}
        revisions = application.field_revisions if application else {}
        return cls(
            questions,
            {q.key: shown(q, answers.get(q.key)) for q in questions},
            {q.key: revisions.get(q.key, {}).get("rev", 0) for q in questions},
        )

    @classmethod
    def posted(cls, questions, application, changes):
        """Keeps what was typed: the stored answers overlaid with the posted ones (files stay as stored)."""
        state = cls.stored(questions, application)
        for q in questions:
            if q.key in changes and q.type != T.FILE:
                state.values[q.key] = shown(q, changes[q.key], posted=True)
        return state

    def absorb(self, result):
        self.seen.update(result.seen)
        self.errors.update(result.errors)
        self.errors.update(result.conflicts)

    def fields(self, edition, answers):
        """The form's fields in order, each with its value, the revision it was seen at, and its problem."""
        rows = []
        for q in self.questions:
            value = shown(q, answers.get(q.key)) if q.type == T.FILE else self.values.get(q.key)
            problem = self.errors.get(q.key) or self.problems.get(q.key, "")
            url = reverse("applications:autosave", kwargs={"slug": edition.slug, "key": q.key})
            rows.append(Field(q, value, self.seen.get(q.key, 0), problem, url))
        return rows

    @property
    def all_problems(self):
        found = dict(self.problems)
        found.update(self.errors)
        return [(q, found[q.key]) for q in self.questions if q.key in found]


def stash_pending(request, edition):
    """Keep what a signed-out post carried (text and choices, not files) until the person logs in again."""
    pk = request.POST.get("application", "")
    if not pk.isdigit():
        return
    changes, seen = {}, {}
    for q in services.questions_of(edition):
        if q.type == T.FILE:
            continue
        raw = answer_rules.raw_from_post(q, request.POST, request.FILES)
        if raw is not None:
            changes[q.key] = raw
            seen[q.key] = request.POST.get(f"seen-{q.key}", "0")
    if not changes:
        return
    pending = request.session.get(PENDING, {})
    entry = pending.setdefault(pk, {"changes": {}, "seen": {}})
    entry["changes"].update(changes)
    entry["seen"].update(seen)
    request.session[PENDING] = pending


def pending_restore(request, application: Application):
    """Save what was kept from a signed-out post, only into that person's own application."""
    pending = request.session.get(PENDING)
    if not pending or str(application.pk) not in pending:
        return
    entry = pending.pop(str(application.pk))
    request.session[PENDING] = pending
    if application.applicant_id != request.user.pk:
        return
    seen = {k: int(v) if str(v).isdigit() else 0 for k, v in entry["seen"].items()}
    try:
        result = services.save_draft(application, entry["changes"], based_on_revision=seen)
    except services.ApplyError as error:
        messages.error(request, error.message)
        return
    if result.saved:
        messages.success(request, _("What you typed before you were signed out has been saved."))
    for message in list(result.conflicts.values()) + list(result.errors.values()):
        messages.warning(request, message)

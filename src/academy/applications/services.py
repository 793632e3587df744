"""Every write of an applicant's path, as plain functions called by views, the API, commands and tasks.

Rules kept here: the call must be open (checked on the server, in the edition's zone, for every write
that counts); one application per person and edition; a draft is saved field by field and a stale tab
never overwrites a newer save silently; a double submit makes one version; each status change goes
through `status.change_status`."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from academy.accounts.services import record
from academy.core.errors import Refused
from academy.editions.times import format_in_zone
from academy.mail.services import queue_mail

from . import answers as answer_rules
from . import eligibility
from .models import Application, EligibilityOverride, Question, QuestionType, Status, SubmittedVersion
from .status import change_status
from .tasks import make_receipt
from .wording import apply_address

EDITABLE = (Status.DRAFT, Status.SUBMITTED)


class ApplyError(Refused):
    """A refused write, with the reason in the applicant's words."""


class CallClosed(ApplyError):
    pass


class NotEditable(ApplyError):
    pass


class NotEligible(ApplyError):
    def __init__(self, verdict):
        super().__init__(" ".join(str(message) for _rule, message in verdict.failed))
        self.verdict = verdict


class Incomplete(ApplyError):
    def __init__(self, problems):
        super().__init__(_("Some answers need your attention before you can submit."))
        self.problems = problems


class Stale(ApplyError):
    pass


def closed_message(edition, now):
    if now < edition.call_opens_at:
        return _("The call opens on %(day)s.") % {"day": formats.date_format(edition.call_opens, "j F Y")}
    return _("The call closed on %(day)s, end of day %(zone)s. Applications can no longer be submitted or changed.") % {
        "day": formats.date_format(edition.application_deadline, "j F Y"),
        "zone": formats.date_format(edition.deadline, "T"),
    }


def _require_open(edition, now):
    if not edition.accepts_applications(now):
        raise CallClosed(closed_message(edition, now))


def questions_of(edition):
    questions = list(Question.objects.filter(edition=edition).order_by("position", "pk"))
    for question in questions:
        question.edition = edition  # a consent question reads the edition's current notice through it
    return questions


def start_application(user, edition, *, now=None):
    """The person's application to the edition, created as an empty draft while the call is open."""
    now = now or timezone.now()
    existing = Application.objects.filter(edition=edition, applicant=user).first()
    if existing:
        return existing
    _require_open(edition, now)
    verdict = eligibility.check(user, edition)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                edition=edition,
                applicant=user,
                organisation=verdict.organisation,
                is_eligible=verdict.eligible,
                eligibility_reasons=verdict.as_json(),
            )
            record("application.started", actor=user, obj=application, edition=edition)
    except IntegrityError:  # a second tab started it at the same moment
        return Application.objects.get(edition=edition, applicant=user)
    return application


@dataclass
class DraftResult:
    saved: list = field(default_factory=list)  # keys stored
    errors: dict = field(default_factory=dict)  # key -> why the value was refused (what was typed stays in the form)
    conflicts: dict = field(default_factory=dict)  # key -> "changed in another tab" message
    revision: int = 0
    seen: dict = field(default_factory=dict)  # key -> revision this tab now holds for it
    saved_at: object = None
    late: str = ""  # set when the call had closed: kept as a draft, not submitted

    @property
    def ok(self):
        return not self.errors and not self.conflicts


def _seen_revision(based_on_revision, key):
    if isinstance(based_on_revision, dict):
        return int(based_on_revision.get(key) or 0)
    return int(based_on_revision or 0)


def save_draft(application, changes, *, based_on_revision, now=None, questions=None):
    """Save the changed answers of a draft: `changes` maps question keys to what the client sent.

    `based_on_revision` is the revision the client's form was based on, one int or {key: int} per field.
    A field saved since then (by another tab) is refused with a conflict, never overwritten. A refused value
    is reported and not stored. After the deadline the answers are still kept in the draft, so nothing typed
    is lost, but `late` says they were not submitted (the latest submitted version is what counts).
    `questions`, the edition's Question rows, may be passed by a caller that has them already."""
    now = now or timezone.now()
    edition = application.edition
    if questions is None:
        questions = Question.objects.filter(edition=edition, key__in=list(changes))
    questions = {q.key: q for q in questions if q.edition_id == edition.pk}
    result = DraftResult()
    cleaned = {}
    for key, raw in changes.items():
        question = questions.get(key)
        if question is None:
            result.errors[key] = _("This question is not on the form.")
            continue
        try:
            cleaned[key] = answer_rules.clean(question, raw, edition=edition)
        except answer_rules.AnswerError as error:
            result.errors[key] = error.message
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("edition").get(pk=application.pk)
        if locked.status not in EDITABLE:
            raise NotEditable(_not_editable_message(locked))
        stored = dict(locked.answers)
        revisions = dict(locked.field_revisions)
        new_revision = locked.revision + 1
        for key, value in cleaned.items():
            if stored.get(key) == value:
                result.seen[key] = revisions.get(key, {}).get("rev", 0)
                continue
            last = revisions.get(key)
            if last and last["rev"] > _seen_revision(based_on_revision, key):
                result.conflicts[key] = _(
                    "This answer was changed in another tab or window at %(time)s; reload to see the latest version. "
                    "What you typed here has not been saved."
                ) % {"time": format_in_zone(datetime.fromisoformat(last["at"]), edition, "H:i")}
                continue
            if value is None:
                stored.pop(key, None)
            else:
                stored[key] = value
            revisions[key] = {"rev": new_revision, "at": now.isoformat()}
            result.saved.append(key)
            result.seen[key] = new_revision
        if result.saved:
            locked.answers, locked.field_revisions, locked.revision = stored, revisions, new_revision
            locked.save(update_fields=["answers", "field_revisions", "revision", "updated_at"])
    application.answers, application.field_revisions = locked.answers, locked.field_revisions
    application.revision, application.status = locked.revision, locked.status
    result.revision, result.saved_at = locked.revision, now
    if not edition.accepts_applications(now):
        result.late = closed_message(edition, now)
    return result


def _not_editable_message(application):
    if application.status == Status.WITHDRAWN:
        return _("You withdrew this application. Undo the withdrawal to change it.")
    return _("This application is %(status)s and can no longer be changed.") % {
        "status": Status(application.status).label.lower()
    }


@dataclass
class SubmitResult:
    version: SubmittedVersion
    created: bool


def submit(application, *, by, now=None, revision=None):
    """Submit the draft as a new version, after checking the deadline, eligibility and every answer.

    Idempotent: if nothing changed since the latest version (a double click, a repeated post), that
    version is returned and none is made. `revision`, if given, must be the draft's current revision:
    a draft saved meanwhile from another tab is refused rather than submitted unseen. The receipt is made
    after the commit, outside this transaction; the form and the registry are read before it, since they do not
    depend on the application's row (on SQLite the transaction holds the database's one write lock)."""
    now = now or timezone.now()
    questions = questions_of(application.edition)
    verdict = eligibility.check(by, application.edition)
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("edition").get(pk=application.pk)
        edition = locked.edition
        if locked.applicant_id != by.pk:
            raise NotEditable(_("Only the applicant can submit this application."))
        _require_open(edition, now)
        if locked.status not in EDITABLE:
            raise NotEditable(_not_editable_message(locked))
        latest = locked.versions.order_by("-number").first()
        if latest and latest.revision == locked.revision and locked.status == Status.SUBMITTED:
            return SubmitResult(latest, created=False)
        if revision is not None and int(revision) != locked.revision:
            raise Stale(
                _(
                    "This application was changed in another tab or window at %(time)s; reload to see the "
                    "latest version before you submit."
                )
                % {"time": format_in_zone(locked.updated_at, edition, "H:i")}
            )
        if not questions:
            raise NotEditable(_("The application form of this edition is not ready yet; please come back later."))
        problems = answer_rules.problems(questions, locked.answers)
        if problems:
            raise Incomplete(problems)
        locked.is_eligible, locked.eligibility_reasons = verdict.eligible, verdict.as_json()
        locked.organisation = verdict.organisation or locked.organisation
        if not verdict.eligible:
            raise NotEligible(verdict)
        number = (latest.number if latest else 0) + 1
        version = SubmittedVersion.objects.create(
            application=locked, number=number, answers=locked.answers, submitted_at=now, revision=locked.revision
        )
        locked.submitted_at = now
        _record_consent(locked, questions, now)
        locked.save(
            update_fields=[
                "is_eligible",
                "eligibility_reasons",
                "organisation",
                "submitted_at",
                "consent_version",
                "consent_at",
                "updated_at",
            ]
        )
        if locked.status == Status.DRAFT:
            change_status(locked, Status.SUBMITTED, by=by, version=number)
        else:
            record("application.resubmitted", actor=by, obj=locked, edition=edition, version=number)
        transaction.on_commit(lambda: make_receipt.enqueue(version.pk))
    application.status, application.submitted_at = locked.status, locked.submitted_at
    application.consent_version, application.consent_at = locked.consent_version, locked.consent_at
    application.is_eligible, application.eligibility_reasons = locked.is_eligible, locked.eligibility_reasons
    return SubmitResult(version, created=True)


def _record_consent(application, questions, now):
    """Keep on the application the privacy notice version the submission agreed to, and since when: the
    first submission that agreed to that version (a later one agreeing to the same version changes nothing)."""
    for question in questions:
        if question.type == QuestionType.CONSENT:
            version = (application.answers.get(question.key) or {}).get("version", "")
            if version and version != application.consent_version:
                application.consent_version, application.consent_at = version, now
            return


def withdraw(application, *, by, now=None, reason=""):
    """The applicant withdraws, before the deadline; undo_withdrawal brings the application back."""
    now = now or timezone.now()
    _require_open(application.edition, now)
    if application.applicant_id != by.pk:
        raise NotEditable(_("Only the applicant can withdraw this application."))
    if application.status not in EDITABLE:
        raise NotEditable(_not_editable_message(application))
    return change_status(application, Status.WITHDRAWN, by=by, reason=reason)


def undo_withdrawal(application, *, by, now=None):
    """Back to where the person was: submitted if a version exists, else a draft."""
    now = now or timezone.now()
    _require_open(application.edition, now)
    if application.applicant_id != by.pk:
        raise NotEditable(_("Only the applicant can undo this withdrawal."))
    if application.status != Status.WITHDRAWN:
        raise NotEditable(_("This application is not withdrawn."))
    back = Status.SUBMITTED if application.versions.exists() else Status.DRAFT
    return change_status(application, back, by=by, reason="withdrawal undone")


@transaction.atomic
def grant_override(edition, person, rule, reason, *, by, notify=False):
    """Let one person pass one failed eligibility rule, with a written reason kept in the audit log.

    With `notify`, the person is told by mail (with the reason) once they are eligible."""
    override, _created = EligibilityOverride.objects.update_or_create(
        edition=edition, person=person, rule=rule, defaults={"reason": reason, "granted_by": by}
    )
    record("eligibility.override", actor=by, obj=person, edition=edition, rule=rule, reason=reason)
    verdict = refresh_eligibility(edition, person)
    if notify and verdict.eligible:
        queue_mail(
            purpose="eligibility_override",
            to_email=person.email,
            to_user=person,
            edition=edition,
            context={"application_url": apply_address(edition), "reason": reason},
            related=override,
        )
    return override


@transaction.atomic
def revoke_override(override, *, by):
    edition, person, rule = override.edition, override.person, override.rule
    override.delete()
    record("eligibility.override_revoked", actor=by, obj=person, edition=edition, rule=rule)
    refresh_eligibility(edition, person)


def refresh_eligibility(edition, person):
    """Update the eligibility snapshot on the person's application, if they have one."""
    verdict = eligibility.check(person, edition)
    Application.objects.filter(edition=edition, applicant=person).update(
        is_eligible=verdict.eligible, eligibility_reasons=verdict.as_json()
    )
    return verdict

"""Homework rules: handing in until the due date, coach feedback, reminders, assignment files."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.accounts.access import has_edition_role
from academy.accounts.models import Role, User
from academy.accounts.services import record
from academy.applications.queries import participants
from academy.core.errors import Refused

from . import notify, uploads
from .models import AssignmentAttachment, Feedback, HandIn


class HomeworkClosed(Refused):
    def __init__(self, assignment):
        super().__init__(_("Hand-ins for this assignment closed at the end of its due date."))
        self.assignment = assignment


def hand_in(assignment, application, *, text, file=None, remove_file=False, now=None):
    """Create or replace the participant's hand-in; `file` is an uploads.CheckedFile.

    Refused (HomeworkClosed) once the assignment no longer accepts hand-ins; nothing is changed then.
    A resubmission replaces the text, replaces the file if a new one is given (or removes it when asked)
    and raises the version."""
    now = now or timezone.now()
    if application.edition_id != assignment.edition_id:
        raise PermissionDenied
    if not assignment.accepts_hand_ins(now):
        raise HomeworkClosed(assignment)
    text = text.strip()
    stored = uploads.store(file, uploads.folder_for(assignment.edition, "homework")) if file else ""
    try:
        with transaction.atomic():
            current = HandIn.objects.select_for_update().filter(assignment=assignment, application=application).first()
            old_file = current.file.name if current and (stored or remove_file) else ""
            item = current or HandIn(assignment=assignment, application=application, first_submitted_at=now, version=0)
            item.text = text
            if stored:
                item.file, item.original_name, item.kind, item.size = stored, file.name, file.kind, file.size
            elif remove_file:
                item.file, item.original_name, item.kind, item.size = "", "", "", 0
            if not item.text and not item.file:
                raise ValidationError(_("Write your answer or upload a file (or both)."))
            item.version += 1
            item.submitted_at = now
            item.save()
            record(
                "homework.handed_in",
                actor=application.applicant,
                obj=item,
                edition=assignment.edition,
                version=item.version,
                late=item.is_late,
            )
    except BaseException:
        uploads.delete_quietly(stored)
        raise
    transaction.on_commit(lambda: uploads.delete_quietly(old_file))
    return item


def may_review(user, assignment):
    """The assignment's reviewing coach, an organiser of its edition, or a platform admin."""
    return assignment.reviewer_id == user.pk or has_edition_role(user, assignment.edition, Role.ORGANISER)


def give_feedback(hand_in, *, coach, text):
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your feedback before sending it."))
    if not may_review(coach, hand_in.assignment):
        raise PermissionDenied
    with transaction.atomic():
        feedback = Feedback.objects.create(hand_in=hand_in, coach=coach, text=text, on_version=hand_in.version)
        record("homework.feedback", actor=coach, obj=hand_in, edition=hand_in.assignment.edition)
    notify.feedback_given(feedback)
    return feedback


def missing(assignment):
    """Participants who have not handed this assignment in."""
    return participants(assignment.edition).exclude(hand_ins__assignment=assignment)


def send_reminders(assignment, *, by, now=None):
    """Remind every participant who has not handed in; return how many were reminded."""
    if not assignment.accepts_hand_ins(now):
        return 0
    people = list(missing(assignment))
    for application in people:
        notify.homework_reminder(assignment, application)
    record("homework.reminded", actor=by, obj=assignment, edition=assignment.edition, count=len(people))
    return len(people)


def reviewers_for(edition):
    """The people who may be named reviewing coach: coaches of the edition."""
    return User.objects.filter(edition_roles__edition=edition, edition_roles__role=Role.COACH).order_by("full_name")


def add_attachment(assignment, file, *, by):
    stored = uploads.store(file, uploads.folder_for(assignment.edition, "assignments"))
    try:
        attachment = AssignmentAttachment.objects.create(
            assignment=assignment, file=stored, original_name=file.name, kind=file.kind, size=file.size
        )
    except BaseException:
        uploads.delete_quietly(stored)
        raise
    record("homework.attachment_added", actor=by, obj=assignment, edition=assignment.edition, name=file.name)
    return attachment


def remove_attachment(attachment, *, by):
    name = attachment.file.name
    attachment.delete()
    record("homework.attachment_removed", actor=by, obj=attachment.assignment, edition=attachment.assignment.edition)
    transaction.on_commit(lambda: uploads.delete_quietly(name))


class AssignmentHasHandIns(Refused):
    pass


def delete_assignment(assignment, *, by):
    if assignment.hand_ins.exists():
        raise AssignmentHasHandIns(_("This assignment has hand-ins; it cannot be deleted."))
    names = [a.file.name for a in assignment.attachments.all()]
    with transaction.atomic():
        record("homework.assignment_deleted", actor=by, obj=assignment, edition=assignment.edition)
        assignment.delete()
    for name in names:
        transaction.on_commit(lambda name=name: uploads.delete_quietly(name))


def save_assignment(assignment, *, by):
    created = assignment.pk is None
    assignment.save()
    record(
        "homework.assignment_created" if created else "homework.assignment_changed",
        actor=by,
        obj=assignment,
        edition=assignment.edition,
    )
    return assignment


def status_of(assignment, hand_in, now=None):
    """handed_in / late / missing / pending (not yet due, not handed in)."""
    if hand_in is not None:
        return "late" if assignment.is_late(hand_in.submitted_at) else "handed_in"
    return "missing" if (now or timezone.now()) > assignment.due_at else "pending"


STATUS_LABELS = {
    "handed_in": gettext_lazy("handed in"),
    "late": gettext_lazy("late"),
    "missing": gettext_lazy("missing"),
    "pending": gettext_lazy("not yet due"),
}

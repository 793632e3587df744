"""The completion rule, evaluated for every confirmed participant of an edition in a fixed number of queries.

What counts, in the organisers' and participants' words:

- **Programme days** are the calendar days (in the edition's zone) with at least one session that is not
  a break: by default the 2 online and the 2 in-person days.
- **Present at a day**: marked present at sessions making up at least the rule's `day_share` of that
  day's programme time, breaks not counted. At 100 % (the default) that is every session of the day.
  A session without an attendance row for the person counts as missed.
- **Camera**: over the online sessions the person was present at, the minutes with the camera on divided
  by the minutes attended (a session's recorded minutes, else its whole length). Camera minutes come from
  an imported report; a roll call's "camera on" counts the whole attended time, "off" or unknown none.
  Exactly the share needed is enough. With no attended online time there is nothing to measure, so the
  camera condition holds (the presence condition says what is missing).
- **Homework**: a hand-in, late or not, for every assignment of the edition.
- **Hours** on a certificate are the hours attended: the sum of the minutes attended at non-break
  sessions, in hours with one decimal.

Only confirmed participants are evaluated: someone who withdrew (declined their seat) is not listed.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from academy.applications.queries import participants
from academy.participation.models import HandIn, HomeworkAssignment
from academy.programme.models import Attendance, Kind, Part, Session

from .models import Certificate, CompletionException, CompletionRule


@dataclass
class Outcome:
    application: object
    met: bool
    reasons: list = field(default_factory=list)
    minutes: int = 0
    camera_percent: int | None = None
    exception: CompletionException | None = None
    certificate: Certificate | None = None

    @property
    def completes(self):
        """Met, or let through by an organiser's exception."""
        return self.met or self.exception is not None

    @property
    def hours(self):
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rule_for(edition):
    """The edition's rule, created with the defaults when first needed."""
    rule, _created = CompletionRule.objects.get_or_create(edition=edition)
    return rule


def day_label(day):
    return dateformat.format(day, "j M Y")


@dataclass
class Programme:
    """The edition's sessions that count, by day, and its assignments: read once per evaluation."""

    edition: object
    sessions: dict  # pk -> Session
    days: dict  # date -> [Session]
    assignments: list

    @classmethod
    def of(cls, edition):
        sessions = list(Session.objects.filter(edition=edition).exclude(kind=Kind.BREAK).order_by("starts_at", "pk"))
        days = {}
        for session in sessions:
            days.setdefault(session.starts_at.astimezone(edition.zone).date(), []).append(session)
        assignments = list(HomeworkAssignment.objects.filter(edition=edition).order_by("due_date", "pk"))
        return cls(edition, {s.pk: s for s in sessions}, days, assignments)


def _attended(row, session):
    minutes = session.duration_minutes if row.minutes is None else min(row.minutes, session.duration_minutes)
    return max(0, minutes)


def _camera(row, attended):
    if row.camera_minutes is not None:
        return min(row.camera_minutes, attended)
    return attended if row.camera_on else 0


def _day_reasons(rule, programme, rows, now):
    reasons = []
    for day, sessions in programme.days.items():
        total = sum(s.duration_minutes for s in sessions)
        missed = [s for s in sessions if not (rows.get(s.pk) and rows[s.pk].present)]
        present = total - sum(s.duration_minutes for s in missed)
        if not missed or present * 100 >= rule.day_share * total:
            continue
        label = day_label(day)
        if programme.edition.end_of(day) > now:
            reasons.append(_("%(day)s is still to come") % {"day": label})
        elif len(missed) == len(sessions):
            reasons.append(_("absent on %(day)s") % {"day": label})
        else:
            titles = ", ".join(f"“{s.title}”" for s in missed)
            reasons.append(
                _("missed %(titles)s on %(day)s") % {"titles": titles, "day": label}
                if rule.day_share == 100
                else _("present for %(share)d%% of %(day)s, %(needed)d%% needed (missed %(titles)s)")
                % {"share": present * 100 // total, "day": label, "needed": rule.day_share, "titles": titles}
            )
    return reasons


def _evaluate(rule, programme, application, rows, handed_in, now):
    """`rows` maps session pk to the person's Attendance; `handed_in` is the set of their assignment pks."""
    reasons = []
    if rule.require_all_days:
        reasons += _day_reasons(rule, programme, rows, now)
    minutes = online = camera = 0
    for session_pk, row in rows.items():
        session = programme.sessions.get(session_pk)
        if session is None or not row.present:
            continue
        attended = _attended(row, session)
        minutes += attended
        if session.part == Part.ONLINE:
            online += attended
            camera += _camera(row, attended)
    percent = camera * 100 // online if online else None
    if rule.camera_share and online and camera * 100 < rule.camera_share * online:
        needed = {"share": percent, "needed": rule.camera_share}
        reasons.append(_("camera on %(share)d%% of online time, %(needed)d%% needed") % needed)
    if rule.require_homework:
        for assignment in programme.assignments:
            if assignment.pk not in handed_in:
                reasons.append(_("homework “%(title)s” not handed in") % {"title": assignment.title})
    return Outcome(application, not reasons, reasons, minutes, percent)


def evaluate(edition, *, applications=None, now=None):
    """Every confirmed participant's Outcome, in the cohort's order (or only `applications`, a queryset of the
    cohort): eight queries whatever the cohort's size."""
    now = now or timezone.now()
    rule = rule_for(edition)
    programme = Programme.of(edition)
    cohort = list(applications if applications is not None else participants(edition))
    ids = [a.pk for a in cohort]
    rows = {}
    for row in Attendance.objects.filter(application_id__in=ids, session_id__in=programme.sessions):
        rows.setdefault(row.application_id, {})[row.session_id] = row
    handed_in = {}
    for app_id, assignment_id in HandIn.objects.filter(application_id__in=ids, assignment__edition=edition).values_list(
        "application_id", "assignment_id"
    ):
        handed_in.setdefault(app_id, set()).add(assignment_id)
    exceptions = {
        e.application_id: e
        for e in CompletionException.objects.filter(application_id__in=ids).select_related("granted_by")
    }
    certificates = {c.application_id: c for c in Certificate.objects.filter(application_id__in=ids)}
    outcomes = []
    for application in cohort:
        mine, done = rows.get(application.pk, {}), handed_in.get(application.pk, set())
        outcome = _evaluate(rule, programme, application, mine, done, now)
        outcome.exception = exceptions.get(application.pk)
        outcome.certificate = certificates.get(application.pk)
        outcomes.append(outcome)
    return outcomes


def evaluate_one(application, *, now=None):
    """The Outcome of one participant, or None when the application is not (or no longer) confirmed."""
    edition = application.edition
    found = evaluate(edition, applications=participants(edition).filter(pk=application.pk), now=now)
    return found[0] if found else None

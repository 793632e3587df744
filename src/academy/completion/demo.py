"""Demo completion of the 2022 edition (its days are past): most of the cohort attended everything and
handed in their homework; one participant missed the second online day and completes by an exception;
one missed it and does not complete. Certificates are issued to everyone who completes: the demo
applicant's (applicant@academy.example) is rendered and mailed, the others' PDFs are rendered on their
first download (their mails would have gone out long ago)."""

import datetime as dt

from academy.applications.queries import participants
from academy.participation.models import HandIn, HomeworkAssignment
from academy.programme.models import Attendance, Kind, Part, Session

from . import certificates, services
from .models import Certificate, IssueRun
from .rule import evaluate, rule_for

EXCEPTION = "Missed the second online day for a family emergency; caught up with the lead coach's recording and notes."


def _attend_everything(edition, applications):
    """Present at every session (breaks aside), camera on online, every homework handed in."""
    sessions = list(Session.objects.filter(edition=edition).exclude(kind=Kind.BREAK))
    existing = {
        (a.application_id, a.session_id): a
        for a in Attendance.objects.filter(session__in=sessions, application__in=applications)
    }
    new, changed = [], []
    for application in applications:
        for session in sessions:
            online = session.part == Part.ONLINE
            row = existing.get((application.pk, session.pk))
            if row is None:
                new.append(
                    Attendance(
                        session=session,
                        application=application,
                        present=True,
                        minutes=session.duration_minutes,
                        camera_on=True if online else None,
                    )
                )
            elif not row.present or (online and not row.camera_on):
                row.present, row.camera_on = True, True if online else None
                row.minutes = max(row.minutes or 0, session.duration_minutes - 5)
                changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present", "minutes", "camera_on"], batch_size=500)
    handed = set(HandIn.objects.filter(application__in=applications).values_list("application_id", "assignment_id"))
    hand_ins = []
    for assignment in HomeworkAssignment.objects.filter(edition=edition):
        when = assignment.due_at - dt.timedelta(days=2)
        hand_ins += [
            HandIn(
                assignment=assignment,
                application=a,
                text="Our plan is in the attached canvas.",
                submitted_at=when,
                first_submitted_at=when,
            )
            for a in applications
            if (a.pk, assignment.pk) not in handed
        ]
    HandIn.objects.bulk_create(hand_ins)


def _miss_a_day(edition, application):
    day = edition.online_start + dt.timedelta(days=1)
    Attendance.objects.filter(
        application=application,
        session__edition=edition,
        session__starts_at__gte=edition.start_of(day),
        session__starts_at__lte=edition.end_of(day),
    ).update(present=False, minutes=0, camera_on=None, camera_minutes=None)


def seed(ctx):
    edition = ctx.editions["2022"]
    cohort = list(participants(edition))
    if not cohort:
        ctx.say("completion: no confirmed cohort in cba-2022, nothing to certify")
        return
    organiser = ctx.users["organiser"]
    rule_for(edition)
    mine = [a for a in cohort if a.applicant_id == ctx.users["applicant"].pk]
    excused, failing = ctx.rng.sample([a for a in cohort if a not in mine], 2)
    _attend_everything(edition, cohort)
    for application in (excused, failing):
        _miss_a_day(edition, application)
    services.grant_exception(excused, reason=EXCEPTION, by=organiser)
    outcomes = [o for o in evaluate(edition) if o.completes]
    for outcome in outcomes:
        certificates.issue(outcome, by=organiser, mail=False)
    issued_at = edition.end_of(edition.in_person_end) + dt.timedelta(days=5)
    Certificate.objects.filter(edition=edition).update(issued_at=issued_at)
    # Rendered and mailed only now, so that her PDF carries the same issue date as her page and /verify/.
    for certificate in Certificate.objects.filter(application__in=mine).select_related("edition__academy"):
        certificates.send(certificate)
    IssueRun.objects.create(
        edition=edition,
        created_by=organiser,
        created_at=issued_at,
        application_ids=[o.application.pk for o in outcomes],
        total=len(outcomes),
        done=len(outcomes),
        issued=len(outcomes),
        finished_at=issued_at,
    )
    ctx.say(
        f"completion of cba-2022: {len(outcomes)} of {len(cohort)} complete (1 by exception), "
        f"{len(outcomes)} certificates issued; {failing.applicant} does not meet the rule"
    )

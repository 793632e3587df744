"""GET /editions/{slug}/programme/ (any token; video links only for those who may see them, as on the pages)
and GET /editions/{slug}/homework/ (organisers: every assignment; coaches: the assignments they review)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from academy.accounts.access import has_edition_role
from academy.accounts.models import Role
from academy.editions.models import Edition
from academy.participation.queries import homework_matrix, reviewed_assignments
from academy.privacy.audit import record_access
from academy.programme.models import Kind, Part
from academy.programme.queries import may_see_links, session_data, sessions_of

from .auth import require_edition_role
from .editions import Message

router = Router(tags=["programme"])


class CoachOut(Schema):
    id: int
    name: str
    kind: str = Field(description="coach or expert")


class SessionOut(Schema):
    id: int
    title: str
    description: str
    kind: Kind
    part: Part
    starts_at: str = Field(description="ISO 8601 with the offset of the edition's time zone.")
    ends_at: str = Field(description="ISO 8601 with the offset of the edition's time zone.")
    room: str = Field(description="For in-person sessions; empty online.")
    video_link: str | None = Field(
        description="Online sessions only, and only for confirmed participants, the edition's coaches and organisers; "
        "null for anyone else."
    )
    coaches: list[CoachOut]


class ProgrammeOut(Schema):
    edition: str
    time_zone: str
    sessions: list[SessionOut]


@router.get(
    "/editions/{slug}/programme/",
    response={200: ProgrammeOut, 401: Message, 404: Message},
    summary="An edition's programme; video links only for its participants, coaches and organisers",
)
def programme(request, slug: str):
    edition = get_object_or_404(Edition.objects.select_related("academy"), slug=slug)
    links = may_see_links(request.auth, edition)
    sessions = [session_data(s, edition.zone, with_links=links) for s in sessions_of(edition)]
    return {"edition": edition.slug, "time_zone": edition.time_zone, "sessions": sessions}


class ParticipantOut(Schema):
    application_id: int
    name: str
    email: str


class HandInStatusOut(Schema):
    participant: ParticipantOut
    status: str = Field(description="handed_in, late, missing (past the due date) or pending (not yet due).")
    handed_in: bool
    submitted_at: dt.datetime | None = Field(description="The latest hand-in, in the edition's time zone.")
    version: int | None
    feedback_given: bool
    feedback_at: dt.datetime | None = Field(description="The latest feedback, in the edition's time zone.")
    feedback_on_latest_version: bool = Field(description="False while a resubmission waits for feedback.")


class AssignmentStatusOut(Schema):
    id: int
    title: str
    due_date: dt.date = Field(description="Hand-ins are due by the end of this day in the edition's time zone.")
    reviewer: str | None = Field(description="E-mail of the reviewing coach.")
    handed_in: int
    participants: list[HandInStatusOut]


class HomeworkOut(Schema):
    edition: str
    time_zone: str
    assignments: list[AssignmentStatusOut]


def _status(cell, person, zone):
    item = cell.hand_in
    feedback_at = cell.feedback_at
    who = person.applicant
    return {
        "participant": {"application_id": person.pk, "name": who.full_name, "email": who.email},
        "status": cell.status,
        "handed_in": item is not None,
        "submitted_at": item.submitted_at.astimezone(zone) if item else None,
        "version": item.version if item else None,
        "feedback_given": feedback_at is not None,
        "feedback_at": feedback_at.astimezone(zone) if feedback_at else None,
        "feedback_on_latest_version": bool(item and item.feedback_version and item.feedback_version >= item.version),
    }


@router.get(
    "/editions/{slug}/homework/",
    response={200: HomeworkOut, 401: Message, 403: Message, 404: Message},
    summary="Who has handed in each assignment, when, and whether feedback was given",
)
def homework(request, slug: str):
    edition = require_edition_role(request, slug, Role.ORGANISER, Role.COACH)
    everything = has_edition_role(request.auth, edition, Role.ORGANISER)
    matrix = homework_matrix(edition, only=reviewed_assignments(edition, request.auth, everything=everything))
    zone = edition.zone
    record_access(
        "homework.exported", actor=request.auth, edition=edition, format="api", assignments=len(matrix.assignments)
    )
    columns = {a.pk: [] for a in matrix.assignments}
    for row in matrix.rows:
        for cell in row.cells:
            columns[cell.assignment.pk].append(_status(cell, row.application, zone))
    return {
        "edition": edition.slug,
        "time_zone": edition.time_zone,
        "assignments": [
            {
                "id": a.pk,
                "title": a.title,
                "due_date": a.due_date,
                "reviewer": a.reviewer.email if a.reviewer else None,
                "handed_in": a.handed_in,
                "participants": columns[a.pk],
            }
            for a in matrix.assignments
        ],
    }

"""GET /editions/ and GET /editions/{slug}/applications/: what an organiser's token may read."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from academy.accounts.models import Role
from academy.applications.models import Dimension, Status
from academy.applications.queries import SORTS, current_answers, dimension_key, screening_list
from academy.editions.models import Edition
from academy.privacy.audit import record_access

from .auth import require_edition_role

router = Router(tags=["editions"])
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


class EditionOut(Schema):
    slug: str
    name: str
    academy: str
    year: int
    time_zone: str
    call_opens: dt.date
    deadline: dt.datetime = Field(description="End of the deadline day in the edition's time zone.")
    phase: str


class OrganisationOut(Schema):
    registry_id: str
    name: str
    country: str = Field(description="ISO 3166 code.")


class ConsentOut(Schema):
    version: str = Field(description="The version of the edition's privacy notice the applicant agreed to.")
    at: dt.datetime = Field(description="When they first submitted agreeing to that version (UTC).")


class ApplicationOut(Schema):
    id: int
    name: str
    email: str
    organisation: OrganisationOut | None
    status: Status
    is_eligible: bool | None
    submitted_at: dt.datetime | None
    created_at: dt.datetime
    answers: dict = Field(description="The latest submitted version's answers, or the draft's if never submitted.")
    consent: ConsentOut | None = Field(description="The privacy notice agreed to; null before the first submission.")


class ApplicationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ApplicationOut]


class ApplicationFilters(Schema):
    status: Status | None = None
    eligible: Literal["yes", "no", "unknown"] | None = None
    country: str | None = Field(None, max_length=2, description="ISO 3166 code of the organisation's country.")
    ecosystem: str | None = Field(None, max_length=50, description="Slug of an industrial ecosystem.")
    experience: str | None = Field(None, max_length=200, description="Answer to the experience question.")
    q: str | None = Field(None, max_length=200, description="Words to find in name, organisation or e-mail.")
    sort: Literal[tuple(SORTS)] | None = None  # type: ignore[valid-type]

    @field_validator("country", "ecosystem", "experience", "q")
    @classmethod
    def no_nul(cls, value):
        if value is not None and "\x00" in value:
            raise ValueError("must not contain a NUL character")
        return value


class Message(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict] = Field(description="One entry per refused parameter: where (loc), what (msg), type.")


@router.get(
    "/editions/",
    response={200: list[EditionOut], 401: Message},
    summary="Editions you organise (all, for a platform admin)",
)
def list_editions(request):
    editions = Edition.objects.select_related("academy")
    if not request.auth.is_superuser:
        editions = editions.filter(roles__user=request.auth, roles__role=Role.ORGANISER).distinct()
    return [
        {
            "slug": e.slug,
            "name": e.name,
            "academy": e.academy.name,
            "year": e.year,
            "time_zone": e.time_zone,
            "call_opens": e.call_opens,
            "deadline": e.deadline,
            "phase": e.current_phase,
        }
        for e in editions.order_by("-year", "name")
    ]


def _application(app):
    org = app.organisation
    return {
        "id": app.pk,
        "name": app.applicant.full_name,
        "email": app.applicant.email,
        "organisation": {"registry_id": org.registry_id, "name": org.name, "country": org.country.code}
        if org
        else None,
        "status": app.status,
        "is_eligible": app.is_eligible,
        "submitted_at": app.submitted_at,
        "created_at": app.created_at,
        "answers": app.current or {},
        "consent": {"version": app.consent_version, "at": app.consent_at} if app.consent_version else None,
    }


@router.get(
    "/editions/{slug}/applications/",
    response={200: ApplicationPage, 401: Message, 403: Message, 404: Message, 422: Invalid},
    summary="An edition's applications, filtered like the organiser's list",
)
def list_applications(
    request,
    slug: str,
    filters: Query[ApplicationFilters],
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),  # the databases refuse offsets beyond a 64-bit integer
):
    edition = require_edition_role(request, slug, Role.ORGANISER)
    wanted = filters.model_dump(exclude_none=True)
    key = dimension_key(edition.questions.all(), Dimension.EXPERIENCE) if "experience" in wanted else ""
    rows = screening_list(edition, wanted, experience_key=key)
    page = [_application(a) for a in rows.annotate(current=current_answers())[offset : offset + limit]]
    filters = {name: str(value) for name, value in wanted.items()}
    record_access(
        "applications.exported", actor=request.auth, edition=edition, format="api", filters=filters, offset=offset
    )
    return {"count": rows.count(), "limit": limit, "offset": offset, "items": page}

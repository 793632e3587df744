"""GET /editions/{slug}/completion/: every confirmed participant, whether they complete and why not, and
their certificate, for organisers (the same evaluation as the organiser's completion page)."""

import datetime as dt

from ninja import Router, Schema

from academy.accounts.models import Role
from academy.completion.rule import evaluate
from academy.privacy.audit import record_access

from .auth import require_edition_role
from .editions import Message

router = Router(tags=["completion"])


class CertificateOut(Schema):
    code: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None
    by_exception: bool


class CompletionOut(Schema):
    application_id: int
    name: str
    email: str
    meets_rule: bool
    completes: bool
    reasons: list[str]
    exception_reason: str | None
    hours_attended: float
    camera_percent: int | None
    certificate: CertificateOut | None


@router.get(
    "/editions/{slug}/completion/",
    response={200: list[CompletionOut], 401: Message, 403: Message, 404: Message},
)
def edition_completion(request, slug: str):
    """The cohort in name order, each evaluated against the edition's completion rule."""
    edition = require_edition_role(request, slug, Role.ORGANISER)
    outcomes = evaluate(edition)
    record_access("completion.exported", actor=request.auth, edition=edition, format="api", rows=len(outcomes))
    return [
        {
            "application_id": o.application.pk,
            "name": o.application.applicant.full_name,
            "email": o.application.applicant.email,
            "meets_rule": o.met,
            "completes": o.completes,
            "reasons": o.reasons,
            "exception_reason": o.exception.reason if o.exception else None,
            "hours_attended": float(o.hours),
            "camera_percent": o.camera_percent,
            "certificate": o.certificate,
        }
        for o in outcomes
    ]

"""GET /editions/{slug}/reviews/: the ranked review table with every submitted review, for organisers."""

from ninja import Router, Schema

from academy.accounts.models import Role
from academy.privacy.audit import record_access
from academy.reviews.queries import review_rows

from .auth import require_edition_role
from .editions import Message

router = Router(tags=["reviews"])


class ReviewOut(Schema):
    reviewer_id: int
    reviewer_email: str
    total: float
    z: float
    recommendation: str
    submitted_at: str


class ApplicantOut(Schema):
    name: str
    email: str


class RankedApplicationOut(Schema):
    rank: int
    application_id: int
    applicant: ApplicantOut
    organisation: str | None
    country: str | None
    assigned: int
    reviews: int
    mean_total: float | None
    normalised: float | None
    spread_points: float | None
    spread_z: float | None
    flagged: bool
    flag_reasons: list[str]
    recommendations: dict[str, int]
    scores: list[ReviewOut]


@router.get(
    "/editions/{slug}/reviews/",
    response={200: list[RankedApplicationOut], 401: Message, 403: Message, 404: Message},
)
def edition_reviews(request, slug: str):
    """Applications in review, best normalised score first, each with its submitted reviews."""
    edition = require_edition_role(request, slug, Role.ORGANISER)
    rows = review_rows(edition)
    record_access("reviews.exported", actor=request.auth, edition=edition, format="api", rows=len(rows))
    return rows

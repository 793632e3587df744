"""GET /editions/{slug}/selection/: the adopted selection run as its audit export {instance, result}."""

from ninja import Router, Schema
from ninja.errors import HttpError

from academy.accounts.models import Role
from academy.privacy.audit import record_access
from academy.selection.runs import adopted_run, export

from .auth import require_edition_role
from .editions import Message

router = Router(tags=["selection"])


class SelectionOut(Schema):
    instance: dict
    result: dict


@router.get("/editions/{slug}/selection/", response={200: SelectionOut, 401: Message, 403: Message, 404: Message})
def edition_selection(request, slug: str):
    """The adopted run's complete input and result, re-solvable with `academy select --instance FILE --json`."""
    edition = require_edition_role(request, slug, Role.ORGANISER)
    run = adopted_run(edition)
    if run is None:
        raise HttpError(404, f"No selection run is adopted for the edition {edition.slug} yet.")
    record_access("selection.exported", actor=request.auth, format="api", obj=run, edition=edition, number=run.number)
    return export(run)

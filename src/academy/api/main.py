"""The REST API, version 1, mounted at /api/v1/ with its OpenAPI schema at /api/v1/openapi.json.

Every operation requires a bearer token (`auth=BearerToken()` is set on the whole API; a test fails on
any operation that turns it off). To add endpoints for another stage (reviews, selection, programme):

1. write `academy/api/<stage>.py` with `router = Router(tags=["<stage>"])` and operations that call
   that app's queries/services, and check the object with `require_edition_role(request, slug, Role...)`
   (or a finer check of their own) before reading anything;
2. add one line below: `api.add_router("", <stage>.router)`;
3. test it in `tests/api/` (401 without a token, 403 for the wrong role or edition, the rows).
"""

from ninja import NinjaAPI

from . import completion, editions, programme, reviews, selection
from .auth import BearerToken

api = NinjaAPI(
    title="Booster Academy API",
    version="1",
    description="Editions and their applications. Send `Authorization: Bearer <token>`; "
    "`academy token create EMAIL` prints a token.",
    auth=BearerToken(),
    urls_namespace="api",
    docs_url=None,  # the interactive page would load scripts against the CSP; the schema is enough
)
api.add_router("", editions.router)
api.add_router("", reviews.router)
api.add_router("", programme.router)
api.add_router("", completion.router)
api.add_router("", selection.router)

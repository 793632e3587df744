"""/api/v1/: the ninja API's generated views, each marked for the project's access test: the schema and
the API root are public, every operation needs a bearer token (tests/api checks each one declares it)."""

from .main import api

PUBLIC = {"openapi-json", "api-root"}

patterns, _app, _namespace = api.urls
for pattern in patterns:
    pattern.callback.access = "public" if pattern.name in PUBLIC else "api-token"

app_name = "api"
urlpatterns = patterns

"""Every look at or export of other people's personal data leaves an audit entry.

The action is "<what>.viewed" or "<what>.exported" (application.viewed, applications.exported,
homework.exported, …); the organisers' access log lists exactly the entries so named. Views use the
decorator; other callers (the API, file downloads) use `record_access`:

    @edition_role_required(Role.ORGANISER)
    @logs_access("homework.exported", format="csv")
    def export_csv(request, edition): ...

    @edition_role_required(Role.ORGANISER)
    @logs_access("application.viewed", about=(Application, "pk"))
    def application_detail(request, edition, pk): ...

The decorator records after the view answered a GET with a success or redirect, so a refused or
missing page writes nothing. A floor module: it imports only accounts.
"""

from functools import wraps

from django.db.models import Q
from django.utils.translation import gettext as _

from academy.accounts.services import record

VIEWED, EXPORTED = "viewed", "exported"


def is_access(action):
    return action.rsplit(".", 1)[-1] in (VIEWED, EXPORTED)


def describe(action):
    """An access record's action in words: "application.viewed" → "Application opened"."""
    what, _dot, how = action.rpartition(".")
    verb = {VIEWED: _("opened"), EXPORTED: _("exported")}.get(how, how)
    return f"{what.replace('_', ' ').capitalize()} {verb}"


def access_filter():
    """The audit entries that are views or exports of personal data."""
    return Q(action__endswith="." + VIEWED) | Q(action__endswith="." + EXPORTED)


def record_access(action, *, actor, edition, obj=None, **details):
    if not is_access(action):
        raise ValueError(f"An access record's action ends in .viewed or .exported, not {action!r}.")
    return record(action, actor=actor, obj=obj, edition=edition, **details)


def logs_access(action, *, about=None, **details):
    """Decorate a view that receives (request, edition, …): record `action` when it shows the data.

    `about=(Model, "kwarg")` names the object the URL points at; GET parameters (an export's filters)
    are kept with the entry."""
    if not is_access(action):
        raise ValueError(f"An access record's action ends in .viewed or .exported, not {action!r}.")

    def decorator(view):
        @wraps(view)
        def wrapped(request, edition, *args, **kwargs):
            response = view(request, edition, *args, **kwargs)
            if request.method in ("GET", "HEAD") and response.status_code < 400:
                extra = dict(details)
                query = {k: v for k, v in request.GET.items() if v}
                if query:
                    extra["filters"] = query
                obj = about[0](pk=kwargs[about[1]]) if about else None
                record_access(action, actor=request.user, edition=edition, obj=obj, **extra)
            return response

        return wrapped

    return decorator

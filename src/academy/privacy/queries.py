import datetime as dt

from academy.accounts.models import AuditEntry, User

from .audit import access_filter


def access_entries(edition):
    return AuditEntry.objects.filter(access_filter(), edition=edition)


def access_actions(edition):
    return sorted(set(access_entries(edition).values_list("action", flat=True).distinct()))


def access_people(edition):
    return User.objects.filter(pk__in=access_entries(edition).values("actor")).order_by("full_name", "email")


def filtered_access(edition, data):
    """The edition's access records matching the cleaned filter form, newest first."""
    rows = access_entries(edition).select_related("actor").order_by("-at", "-pk")
    if data.get("what"):
        rows = rows.filter(action=data["what"])
    if data.get("person"):
        rows = rows.filter(actor=data["person"])
    if data.get("since"):
        rows = rows.filter(at__gte=edition.start_of(data["since"]))
    if data.get("until"):
        rows = rows.filter(at__lt=edition.start_of(data["until"] + dt.timedelta(days=1)))
    return rows

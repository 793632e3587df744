from django.shortcuts import render
from django.utils import timezone

from academy.accounts.models import Role
from academy.editions.access import edition_role_required

from .charts import panels
from .tools import tools


@edition_role_required(Role.ORGANISER)
def dashboard(request, edition):
    """The organiser's home of an edition: the funnel, the charts with their tables, and every tool."""
    with timezone.override(edition.zone):
        today = timezone.localdate()
        context = panels(edition, today=today)
        context |= {"edition": edition, "phase": edition.phase(), "tools": tools(edition)}
        return render(request, "reports/dashboard.html", context)

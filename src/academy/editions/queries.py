from django.utils import timezone

from .models import Edition


def featured_edition(now=None):
    """The edition whose call is open now, else the latest one."""
    today = timezone.localdate(now or timezone.now())
    editions = Edition.objects.select_related("academy")
    return (
        editions.filter(call_opens__lte=today, application_deadline__gte=today).order_by("application_deadline").first()
        or editions.order_by("-year", "-application_deadline").first()
    )

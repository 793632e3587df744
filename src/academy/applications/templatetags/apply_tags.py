"""The apply box on an edition's call page: the edition's template loads it, so `editions` never imports
`applications` (imports run from the later stages of the lifecycle to the earlier ones)."""

from django import template
from django.utils import timezone

from .. import eligibility, services
from ..models import Application
from ..queries import participations_of

register = template.Library()


@register.inclusion_tag("applications/_call_apply.html", takes_context=True)
def apply_box(context, edition):
    request = context["request"]
    user = request.user
    now = timezone.now()
    box = {
        "edition": edition,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "is_open": edition.accepts_applications(now),
        "not_yet": now < edition.call_opens_at,
        "closed_message": services.closed_message(edition, now),
    }
    if user.is_authenticated:
        box["verdict"] = eligibility.check(user, edition)
        box["application"] = Application.objects.filter(edition=edition, applicant=user).first()
    return box


@register.inclusion_tag("applications/_my_editions.html", takes_context=True)
def my_editions(context):
    """On a person's own page: the editions they take part in, with the pages a participant uses."""
    user = context["request"].user
    return {"participations": participations_of(user)}

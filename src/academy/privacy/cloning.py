"""Next edition: the retention period and the privacy notice's current text carry over (the notice as
version 1 of the new edition, published by whoever clones)."""

from django.utils import timezone

from academy.editions.cloning import copy_settings, part

from . import notices
from .models import PrivacyNotice, RetentionPolicy


@part("privacy.retention")
def retention(source, target, clone):
    return copy_settings(RetentionPolicy, source, target, ["months"], updated_by=clone.by)


@part("privacy.notice")
def notice(source, target, clone):
    current = PrivacyNotice.objects.filter(edition=source).order_by("-number").first()
    if current is None:
        return 0
    text = {name: getattr(current, name) for name in notices.TEXT_FIELDS}
    if source.contact_email and text["contact"] == source.contact_email:
        text["contact"] = target.contact_email
    text = {name: value.replace(source.name, target.name) for name, value in text.items()}
    notices.publish(target, text, by=clone.by, now=timezone.now())
    return 1

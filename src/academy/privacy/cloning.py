"""Next edition: the retention period carries over."""

from academy.editions.cloning import copy_settings, part

from .models import RetentionPolicy


@part("privacy.retention")
def retention(source, target, clone):
    return copy_settings(RetentionPolicy, source, target, ["months"], updated_by=clone.by)

"""Next edition: the completion rule carries over; exceptions and certificates (about people) never do."""

from academy.editions.cloning import copy_settings, part

from .models import CompletionRule

FIELDS = ["require_all_days", "day_share", "camera_share", "require_homework"]


@part("completion.rule", after=["participation.homework"])
def rule(source, target, clone):
    return copy_settings(CompletionRule, source, target, FIELDS)

"""Next edition: the selection rules carry over; runs and offers (about people) never do."""

from academy.editions.cloning import copy_settings, part

from .models import SelectionRules

FIELDS = ["rules", "lexicographic", "respond_days", "explain_in_mail"]


@part("selection.rules", after=["reviews.rubric"])
def rules(source, target, clone):
    return copy_settings(SelectionRules, source, target, FIELDS, updated_by=clone.by)

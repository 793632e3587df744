"""Next edition: the selection rules carry over; runs and offers (about people) never do."""

from academy.editions.cloning import part

from .models import SelectionRules

FIELDS = ["rules", "lexicographic", "respond_days", "explain_in_mail"]


@part("selection.rules", after=["reviews.rubric"])
def rules(source, target, clone):
    current = SelectionRules.objects.filter(edition=source).first()
    if current is None:
        return 0
    SelectionRules.objects.create(
        edition=target, updated_by=clone.by, **{name: getattr(current, name) for name in FIELDS}
    )
    return 1

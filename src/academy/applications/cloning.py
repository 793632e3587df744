"""Next edition: the application form's questions carry over; applications, drafts and overrides never do."""

from academy.editions.cloning import part

from .models import Question

FIELDS = [
    "key",
    "label",
    "help_text",
    "type",
    "required",
    "position",
    "max_length",
    "choices",
    "min_value",
    "max_value",
    "max_file_mb",
    "dimension",
]


@part("applications.form", after=["registry.eligible_countries"])
def form(source, target, clone):
    rows = [
        Question(edition=target, **{name: getattr(q, name) for name in FIELDS})
        for q in Question.objects.filter(edition=source).order_by("position", "pk")
    ]
    return len(Question.objects.bulk_create(rows))

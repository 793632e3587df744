"""Next edition: review settings and the rubric carry over; reviewers, conflicts, assignments and reviews never do."""

from academy.editions.cloning import part

from .forms import SetupForm
from .models import Criterion, ReviewSetup

SETUP_FIELDS = SetupForm._meta.fields  # what organisers set is what carries over
CRITERION_FIELDS = ["name", "guidance", "weight", "scale_min", "scale_max", "position"]


@part("reviews.rubric", after=["applications.form"])
def rubric(source, target, clone):
    setup = ReviewSetup.objects.filter(edition=source).first()
    if setup is not None:
        ReviewSetup.objects.create(edition=target, **{name: getattr(setup, name) for name in SETUP_FIELDS})
    rows = [
        Criterion(edition=target, **{name: getattr(c, name) for name in CRITERION_FIELDS})
        for c in Criterion.objects.filter(edition=source)
    ]
    return len(Criterion.objects.bulk_create(rows))

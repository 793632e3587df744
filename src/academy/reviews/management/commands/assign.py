from django.core.management.base import BaseCommand, CommandError

from academy.editions.models import Edition
from academy.reviews.assigning import run_assignment
from academy.reviews.assignment import AssignmentInfeasible


class Command(BaseCommand):
    help = (
        "Assign reviewers to every eligible submitted application of an edition, without conflicts and with even "
        "loads; manual changes and begun reviews are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="The edition's short name, e.g. cba-2022.")
        parser.add_argument("--per-application", type=int, choices=[1, 2, 3, 4, 5], help="Reviewers per application.")
        parser.add_argument("--max-load", type=int, help="Most applications per reviewer.")

    def handle(self, *args, edition, per_application, max_load, **options):
        found = Edition.objects.filter(slug=edition).first()
        if found is None:
            raise CommandError(f"There is no edition {edition!r}.")
        if max_load is not None and max_load < 1:
            raise CommandError("--max-load must be at least 1.")
        try:
            summary = run_assignment(found, per_application=per_application, max_load=max_load)
        except AssignmentInfeasible as error:
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(summary.message()) + f" ({summary.seconds:.2f} s)")

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from academy.accounts.models import User
from academy.editions.cloning import CloneError, clone_edition, suggested
from academy.editions.models import Edition


class Command(BaseCommand):
    help = (
        "Set up the next edition from an edition: its texts, form, rubric, rules, countries, mail templates, "
        "surveys and sessions a year later; no people, applications or answers."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="The short name of the edition to clone, e.g. cba-2022.")
        parser.add_argument("--name", help="The new edition's name (default: the year in the name moved on by one).")
        parser.add_argument("--slug", help="The new edition's short name (default: the year moved on, e.g. cba-2023).")
        parser.add_argument("--by", metavar="EMAIL", help="The person who becomes the new edition's organiser.")

    def handle(self, *args, edition, name, slug, by, **options):
        source = Edition.objects.filter(slug=edition).first()
        if source is None:
            raise CommandError(f"There is no edition {edition!r}.")
        person = None
        if by:
            person = User.objects.filter(email__iexact=by).first()
            if person is None:
                raise CommandError(f"Nobody has the address {by!r}.")
        defaults = suggested(source)
        try:
            made = clone_edition(source, name=name or defaults["name"], slug=slug or defaults["slug"], by=person)
        except CloneError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {made.target.name} ({made.target.slug}) from {source.slug}."))
        for part, count in made.copied.items():
            self.stdout.write(f"  {part}: {count if count is not None else '-'}")
        if person is None:
            self.stdout.write("  No organiser yet: grant one the role from the back office, or pass --by EMAIL.")

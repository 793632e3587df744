from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from academy.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the whole database from a file written by `academy backup` (replaces every row)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, file, yes, **options):
        if not yes and input(f"Replace the whole database with {file}? Type yes: ").strip() != "yes":
            raise CommandError("Nothing was restored.")
        try:
            restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored from {file}."))

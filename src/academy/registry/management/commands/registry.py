from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from academy.registry.importer import ImportFailed, import_registry


class Command(BaseCommand):
    help = "Manage the cluster registry: `academy registry import FILE` (CSV or JSON)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import organisations and registered people; all rows or none.")
        imp.add_argument("file", type=Path)

    def handle(self, *args, action, file, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist or is not a file.")
        try:
            result = import_registry(file.read_bytes(), file.name)
        except ImportFailed as failed:
            for line, message in failed.errors:
                where = f"line {line}" if file.suffix.lower() != ".json" else f"record {line}"
                self.stderr.write(f"{file.name}, {where}: {message}" if line else f"{file.name}: {message}")
            raise CommandError(f"{len(failed.errors)} problem(s) found; nothing was imported.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.rows} rows: {result.organisations_created} organisations created, "
                f"{result.organisations_updated} updated; {result.people_created} people created, "
                f"{result.people_updated} updated. {result.read_as}"
            )
        )

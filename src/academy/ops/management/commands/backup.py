from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from academy.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database to a file (SQLite online backup, or pg_dump for PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="Where to write; default var/backups/<time>.")

    def handle(self, *args, file, **options):
        target = file or Path(settings.DATA_DIR) / "backups" / f"academy-{timezone.now():%Y%m%d-%H%M%S}.backup"
        try:
            written = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {written} ({written.stat().st_size:,} bytes)."))

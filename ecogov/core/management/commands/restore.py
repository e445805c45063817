"""``ecogov restore FILE``: load a backup into an empty database and check it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ecogov.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup (.tar from ecogov backup) into an empty database; checks row counts and the audit chain."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **opts):
        try:
            result = restore(Path(file))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {result['tables']} tables, {result['rows']} rows; audit chain verified "
                          f"({result['audit_rows']} rows, head {result['head']})")

"""``ecogov backup [FILE]``: the database and the uploaded files in one .tar file."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ecogov.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup / pg_dump) and the media files into one .tar file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=None, help="default: var/backups/ecogov-<time>.tar")

    def handle(self, *args, file=None, **opts):
        path = Path(file) if file else settings.VAR_DIR / "backups" / f"ecogov-{timezone.now():%Y%m%d-%H%M%S}.tar"
        path.parent.mkdir(parents=True, exist_ok=True)
        manifest = backup(path)
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"backup written: {path} ({manifest['vendor']}, {len(manifest['tables'])} tables, "
                          f"{rows} rows, audit head {manifest['audit_head']})")

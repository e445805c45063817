"""``ecogov ingest <source> FILE...``: load monitoring data.

Sources: ``national`` (the national centre's hourly publication, per-hour file
or day file), ``file`` (generic CSV/XLSX with a column mapping, air or water).
Each file is reported with counts and every refused row with its reason; the
same file ingested twice changes nothing; an interrupted run is completed by
running it again.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from ecogov.core.errors import DomainError
from ecogov.monitoring import services_ingest


class Command(BaseCommand):
    help = "Ingest monitoring data: `ingest national FILE...`, `ingest file --kind air|water --mapping JSON FILE...`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="source", required=True)
        nat = sub.add_parser("national", help="national hourly publication files (per-hour or day-file layout)")
        nat.add_argument("files", nargs="+")
        nat.add_argument("--station-list", help="national station list CSV (day files carry no coordinates)")
        nat.add_argument("--no-progress", action="store_true")
        nat.add_argument("--no-daily", action="store_true", help="do not recompute the daily values of the days read")
        gen = sub.add_parser("file", help="generic CSV/XLSX with a column mapping")
        gen.add_argument("files", nargs="+")
        gen.add_argument("--kind", choices=["air", "water"], default="air")
        gen.add_argument("--mapping", default="{}", help='JSON {"source column": "canonical name"}')
        gen.add_argument("--time-format", default=None, help="strptime format of the time column")
        gen.add_argument("--no-progress", action="store_true")

    def handle(self, *args, source, files, **opts):
        failed = False
        for path in files:
            try:
                outcome = self._one(source, path, opts)
            except DomainError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            self.stdout.write(f"{path}: {outcome.summary()}")
            if source == "national" and not opts.get("no_daily"):
                days = services_ingest.daily_after_ingest(outcome, progress=not opts.get("no_progress"))
                self.stdout.write(f"{path}: station-days recomputed: {days}")
            for err in outcome.errors[:200]:
                self.stdout.write(f"  row {err['row']} {err['station']} {err['field']}: {err['reason']}")
            if len(outcome.errors) > 200:
                self.stdout.write(f"  ... {len(outcome.errors) - 200} more in the ingest log")
            failed = failed or bool(outcome.rejected)
        if failed:
            self.stderr.write("some rows were rejected (see above)")

    def _one(self, source, path, opts):
        progress = not opts.get("no_progress")
        if source == "national":
            return services_ingest.readings_ingest_national(
                path=path, station_list=opts.get("station_list"), progress=progress
            )
        mapping = json.loads(opts["mapping"] or "{}")
        if opts["kind"] == "water":
            return services_ingest.water_samples_ingest_file(path=path, mapping=mapping)
        return services_ingest.readings_ingest_file(path=path, mapping=mapping, time_format=opts.get("time_format"),
                                                    progress=progress)

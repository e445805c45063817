"""``ecogov monitoring <action>``: checks and processing of monitoring data.

``check-published``: compare the published AQI with the platform's real-time
AQI for every ingested station-hour; the last line reads
``published: N, agree: M, differ: K``. ``process``: recompute station daily
values and daily AQI for a date range. ``mqtt``: run the MQTT subscriber.
``backfill PATH...``: load folders and archives of national files (resumable;
a summary file lists the rows refused). ``pending``: recompute the derived
values left pending. ``fetch [--every 3600]``: poll the hourly publication.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from ecogov.monitoring.check import published_aqi_check


class Command(BaseCommand):
    help = ("Monitoring: `check-published`, `process --from D --to D`, `station-key CODE`, `mqtt` (micro-station "
            "subscriber), `backfill PATH...` (national archive), `pending` (derived values left pending), `fetch [--every S]` (hourly publication), `partitions` (monthly, PostgreSQL).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        chk = sub.add_parser("check-published", help="published AQI vs the platform's real-time AQI")
        chk.add_argument("--station", action="append", dest="stations")
        proc = sub.add_parser("process", help="station daily values and daily AQI")
        proc.add_argument("--from", dest="start", required=True, type=dt.date.fromisoformat)
        proc.add_argument("--to", dest="end", required=True, type=dt.date.fromisoformat)
        key = sub.add_parser("station-key", help="issue a push/MQTT key for a station (printed once)")
        key.add_argument("code")
        key.add_argument("--username", default="admin", help="the administrator issuing the key (audited)")
        mq = sub.add_parser("mqtt", help="subscribe to micro-station data on the MQTT broker")
        mq.add_argument("--url", default=None, help="mqtt://host:port (default: setting MQTT_URL)")
        mq.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
        mq.add_argument("--group", default="", help="shared subscription group: the subscribers of one group "
                        "split the messages between them (run several to ingest with N workers)")

        bf = sub.add_parser("backfill", help="load folders or archives (.zip, .tar.gz) of national files")
        bf.add_argument("paths", nargs="+")
        bf.add_argument("--summary", default="backfill-summary.json", help="summary file (JSON)")
        bf.add_argument("--in-process", action="store_true", help="run here even when a broker is configured")
        bf.add_argument("--no-progress", action="store_true")
        bf.add_argument("--no-derived", action="store_true", help="leave the derived values pending")
        bf.add_argument("--timeout", type=float, default=None, help="seconds to wait for the workers")
        sub.add_parser("pending", help="recompute the derived values left pending")
        pa = sub.add_parser("partitions", help="monthly partitions of the readings (PostgreSQL)")
        pa.add_argument("--ahead", type=int, default=3, help="create this month's and the next N months'")
        pa.add_argument("--detach", metavar="YYYY-MM", help="detach that month's partition (archive)")
        pa.add_argument("--tablespace", help="with --detach: move the detached table to this table space")
        fe = sub.add_parser("fetch", help="poll the hourly publication URL and ingest what is new")
        fe.add_argument("--url", default=None, help="default: setting MONITORING_FETCH_URL")
        fe.add_argument("--every", type=float, default=None, help="poll every N seconds (default: once)")
        fe.add_argument("--count", type=int, default=None, help="stop after N polls")

    def handle(self, *args, action, **opts):
        if action == "backfill":
            return self._backfill(opts)
        if action == "partitions":
            return self._partitions(opts)
        if action == "fetch":
            from ecogov.monitoring.services_fetch import fetch_loop

            count = opts["count"] if opts["every"] else 1
            fetch_loop(every=opts["every"] or 0, url=opts["url"], count=count, stdout=self.stdout)
            return
        if action == "pending":
            from ecogov.monitoring.derived import recompute_pending

            self.stdout.write(f"station-days recomputed: {recompute_pending(progress=True)}")
            return
        if action == "check-published":
            return self._check(opts)
        if action == "process":
            from ecogov.monitoring.processing import station_daily_compute

            n = station_daily_compute(start=opts["start"], end=opts["end"], progress=True)
            self.stdout.write(f"station-days computed: {n}")
            return
        if action == "station-key":
            return self._key(opts)
        from ecogov.monitoring.services_ingest import readings_subscribe_mqtt

        readings_subscribe_mqtt(url=opts["url"], seconds=opts["seconds"], stdout=self.stdout, group=opts["group"])

    def _backfill(self, opts):
        from django.core.management.base import CommandError

        from ecogov.core.errors import DomainError
        from ecogov.monitoring.services_backfill import backfill_run

        try:
            result = backfill_run(opts["paths"], use_workers=False if opts["in_process"] else None,
                                  summary_path=opts["summary"], progress=not opts["no_progress"],
                                  recompute=not opts["no_derived"], timeout=opts["timeout"])
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(result.summary())
        self.stdout.write(f"summary / 汇总: {opts['summary']}")

    def _partitions(self, opts):
        from ecogov.monitoring import partitions

        if not partitions.enabled():
            self.stdout.write("readings are not partitioned (PostgreSQL only) / 仅PostgreSQL按月分区")
            return
        if opts["detach"]:
            year, month = (int(x) for x in opts["detach"].split("-"))
            self.stdout.write(f"detached / 已分离: {partitions.detach(year, month, tablespace=opts['tablespace'])}")
            return
        created = partitions.create_ahead(opts["ahead"])
        self.stdout.write(f"partitions created / 新建分区: {', '.join(created) or '-'}")

    def _key(self, opts):
        from django.core.management.base import CommandError

        from ecogov.core.models import User
        from ecogov.monitoring.models import Station
        from ecogov.monitoring.services_ingest import station_issue_api_key

        station = Station.objects.filter(code=opts["code"]).first()
        actor = User.objects.filter(username=opts["username"]).first()
        if station is None or actor is None:
            raise CommandError("站点或用户不存在 / no such station or user")
        self.stdout.write(station_issue_api_key(station=station, actor=actor))

    def _check(self, opts):
        result = published_aqi_check(station_codes=opts.get("stations"))
        for d in result.differ:
            self.stdout.write(
                f"DIFFER {d['station']} {d['time']:%Y-%m-%d %H:%M}: published {d['published_aqi']} "
                f"({d['published_primary'] or '-'}), platform {d['aqi']} ({d['primary'] or '-'}) {d['values']}"
            )
        for d in result.primary_differ:
            self.stdout.write(
                f"PRIMARY {d['station']} {d['time']:%Y-%m-%d %H:%M}: published {d['published_primary']}, "
                f"platform {d['primary']} (AQI {d['aqi']})"
            )
        self.stdout.write(result.summary)

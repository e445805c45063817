"""``ecogov monitoring <action>``: checks and processing of monitoring data.

``check-published``: compare the published AQI with the platform's real-time
AQI for every ingested station-hour; the last line reads
``published: N, agree: M, differ: K``. ``process``: recompute station daily
values and daily AQI for a date range. ``mqtt``: run the MQTT subscriber.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from ecogov.monitoring.check import published_aqi_check


class Command(BaseCommand):
    help = "Monitoring: `check-published`, `process --from D --to D`, `station-key CODE`, `mqtt` (micro-station subscriber)."

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

    def handle(self, *args, action, **opts):
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

        readings_subscribe_mqtt(url=opts["url"], seconds=opts["seconds"], stdout=self.stdout)

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

"""Run by test_replica.py in a process whose DATABASE_URL is a primary and DATABASE_REPLICA_URL its streaming
replica: writes on the primary while the replica's replay is paused, then asks the public API anonymously
and as staff which stations have data. Prints one JSON line."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from zoneinfo import ZoneInfo


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from ecogov.monitoring.models import Reading, Station
    from ecogov.testing import factories

    call_command("migrate", verbosity=0, skip_checks=True)
    tree = factories.jurisdiction_tree()
    staff = factories.user("officer", tree["city"], username="officer")
    hour = dt.datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    _station_hour(Station, Reading, "R1", hour, tree["district_a"])
    deadline = time.monotonic() + 60
    while not _replica_has(connections["replica"], "R1"):
        assert time.monotonic() < deadline, "the replica never received the first reading"
        time.sleep(0.2)
    with connections["replica"].cursor() as cur:
        cur.execute("SELECT pg_wal_replay_pause()")
    _station_hour(Station, Reading, "R2", hour, tree["district_a"])  # on the primary only while the replica's replay is paused
    public = sorted(s["station"] for s in Client().get("/api/monitoring/latest").json())
    client = Client()
    client.force_login(staff)
    staff_codes = sorted(s["station"] for s in client.get("/api/monitoring/latest").json())
    with connections["replica"].cursor() as cur:
        cur.execute("SELECT pg_is_in_recovery()")
        in_recovery = cur.fetchone()[0]
        cur.execute("SELECT pg_wal_replay_resume()")
    print(json.dumps({"public": public, "staff": staff_codes, "replica_in_recovery": in_recovery}))


def _station_hour(Station, Reading, code: str, hour: dt.datetime, district) -> None:  # noqa: N803 - models
    station = Station.objects.create(code=code, name=code, kind="national", jurisdiction=district)
    Reading.objects.create(station=station, time=hour, pm25=35, pm10=50, so2=5, no2=20, co=0.5, o3=60,
                           source="test", ingested=hour)


def _replica_has(conn, code: str) -> bool:
    with conn.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM monitoring_station WHERE code = %s", [code])
        return cur.fetchone()[0] > 0


if __name__ == "__main__":
    main()

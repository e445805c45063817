"""The core part of the demo city."""

import datetime as dt

from ecogov.core import demo
from ecogov.core.geo import geojson_contains
from ecogov.core.models import Jurisdiction, User


def test_core_demo_builds_the_tree_and_accounts(db):
    ctx = demo.DemoContext(seed=1, today=dt.date(2026, 11, 20))
    demo.load(ctx)
    levels = {lvl: Jurisdiction.objects.filter(level=lvl).count() for lvl in ("city", "district", "street", "grid")}
    assert levels == {"city": 1, "district": 5, "street": 20, "grid": 60}
    grid = Jurisdiction.objects.filter(level="grid").first()
    # A grid's centroid lies inside its own rectangle and its district's.
    assert geojson_contains(grid.boundary, grid.centroid_lon, grid.centroid_lat)
    district = grid.ancestor_at("district")
    assert geojson_contains(district.boundary, grid.centroid_lon, grid.centroid_lat)
    assert grid.path == f"369900/{district.code}/{grid.parent.code}/{grid.code}/"
    roles = {r: User.objects.filter(role=r).count() for r in ("admin", "leader", "officer", "district", "street")}
    assert roles == {"admin": 1, "leader": 1, "officer": 40, "district": 5, "street": 20}
    assert User.objects.get(username="leader").check_password(demo.DEMO_PASSWORD)


def test_the_last_day_of_a_live_demo_is_the_day_of_its_last_hour():
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Shanghai")  # the project's time zone
    ctx = demo.DemoContext(seed=1, today=dt.date(2026, 11, 20))
    assert demo.last_day(ctx) == dt.date(2026, 11, 20)  # not live: the anchor day
    ctx.data[demo.LIVE_UNTIL] = dt.datetime(2026, 12, 3, 9, tzinfo=tz)
    assert demo.last_day(ctx) == dt.date(2026, 12, 3)
    # the hour ending at midnight (23:00-24:00) is the day before's last hour
    ctx.data[demo.LIVE_UNTIL] = dt.datetime(2026, 12, 3, 0, tzinfo=tz)
    assert demo.last_day(ctx) == dt.date(2026, 12, 2)
    ctx.data[demo.LIVE_UNTIL] = dt.datetime(2026, 12, 2, 16, tzinfo=dt.UTC)  # 2026-12-03 00:00 in Beijing
    assert demo.last_day(ctx) == dt.date(2026, 12, 2)
    # a live hour before the anchor day does not move the demo back
    ctx.data[demo.LIVE_UNTIL] = dt.datetime(2026, 11, 1, 9, tzinfo=tz)
    assert demo.last_day(ctx) == dt.date(2026, 11, 20)

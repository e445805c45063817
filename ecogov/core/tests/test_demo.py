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

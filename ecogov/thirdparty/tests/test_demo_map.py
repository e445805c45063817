"""The demo city's third parties as the one map and the rate table show them (MISSION.md §3-4, seed
002-004): the 49 construction sites all in one district, 20 muck-truck tracks with their 3 off-route
and 2 unsealed violations, 11 collection points serving 7,000 units, the in-city disposal rate of
95.4 % (1,908 of 2,000 t) in the per-district table, and the 46 punished stations split over the
districts' scopes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from ecogov.core import demo as core_demo
from ecogov.testing import factories
from ecogov.thirdparty import demo, demo_dust, demo_waste, layers, selectors, selectors_waste
from ecogov.thirdparty.models_dust import DustResponsibility

TODAY = dt.date(2026, 11, 20)


def _ctx():
    ctx = core_demo.DemoContext(seed=20261123, today=TODAY)
    core_demo.load(ctx)
    return ctx


@pytest.mark.django_db
def test_demo_sites_in_one_district_and_truck_tracks_on_the_map():
    from ecogov.inventory import demo as inventory_demo

    ctx = _ctx()
    inventory_demo.load(ctx)
    demo_dust.load(ctx)
    admin = factories.user("admin", ctx.data["jurisdictions"]["city"][0], is_superuser=True)
    districts = {d.site.jurisdiction.ancestor_at("district").pk for d in DustResponsibility.objects.select_related(
        "site__jurisdiction")}
    assert len(districts) == 1  # seed 002: 49 sites in one district
    district = ctx.data["jurisdictions"]["district"][1]
    assert districts == {district.pk}
    sites = layers.dust_sites(admin)["features"]
    assert len(sites) == 49 and Counter(f["properties"]["state"] for f in sites)["stop"] == 1
    officer = factories.user("district", district, username="t-district-b")
    assert len(layers.dust_sites(officer)["features"]) == 49
    other = factories.user("district", ctx.data["jurisdictions"]["district"][0], username="t-district-a")
    assert layers.dust_sites(other)["features"] == []
    fc = layers.muck_trucks(admin)["features"]
    by_kind = Counter(f["properties"]["kind"] for f in fc)
    assert (by_kind["track"], by_kind["route"], by_kind["violation"]) == (20, 20, 5)
    assert Counter(f["properties"]["violation"] for f in fc if f["properties"]["kind"] == "violation") == {
        "off_route": 3, "unsealed": 2}
    red = [f for f in fc if f["properties"]["kind"] == "track" and f["properties"]["colour"] == layers.TRACK_BAD]
    assert len(red) == 5 and all(len(f["geometry"]["coordinates"]) == 26 for f in red)


@pytest.mark.django_db
def test_demo_collection_points_and_the_rate_table():
    ctx = _ctx()
    demo_waste.load(ctx)
    admin = factories.user("admin", ctx.data["jurisdictions"]["city"][0], is_superuser=True)
    points = layers.waste_points(admin)["features"]
    assert len(points) == 11 and sum(f["properties"]["units_served"] for f in points) == 7000
    city = ctx.data["jurisdictions"]["city"][0]
    assert all(abs(f["geometry"]["coordinates"][0] - city.centroid_lon) < 1 for f in points)
    table = selectors_waste.disposal_table(admin, year=TODAY.year)
    total = table[-1]
    # 1,908 of 2,000 t went to handlers in the city: 95.4 %
    assert (total["records"], total["tonnes"], total["in_city"], total["rate"]) == (
        220, Decimal(2000), Decimal(1908), Decimal("95.4"))
    assert sum(r["tonnes"] for r in table[:-1]) == Decimal(2000) and len(table) == 1 + len(
        ctx.data["jurisdictions"]["district"])


@pytest.mark.django_db
def test_demo_punished_stations_split_over_the_districts():
    ctx = _ctx()
    demo.load(ctx)
    per_district = [selectors.punished_station_count(factories.user("district", d, username=f"t-{d.code}"))
                    for d in ctx.data["jurisdictions"]["district"]]
    assert sum(per_district) == 46 and all(n < 46 for n in per_district)

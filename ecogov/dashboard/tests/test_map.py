"""The one map's layers and the rings of a station, with jurisdiction isolation, on a real
database. Sources sit at hand-computed distances north and south of the station."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ecogov.dashboard import selectors
from ecogov.inventory import services as inventory
from ecogov.testing import factories

from .conftest import LON, _source, north

pytestmark = pytest.mark.django_db
def _codes(data):
    return [(r.code, r.ring) for r in data["rows"]]


def test_station_layer_colours_by_aqi_and_slides_over_hours(station, officer):
    fc = selectors.layer_collection(officer, "monitoring-stations", {"zoom": "12"})
    feats = {f["properties"]["code"]: f["properties"] for f in fc["features"]}
    assert feats["369900051"]["aqi"] == 119 and feats["369900051"]["colour"].upper() == "#FF7E00"
    assert feats["369900051"]["rings"] is True and feats["MS001"]["rings"] is False
    assert feats["369900051"]["wind_from"] == 2.0
    earlier = selectors.layer_collection(officer, "monitoring-stations", {"hours_ago": "5"})
    props = next(f["properties"] for f in earlier["features"] if f["properties"]["code"] == "369900051")
    # PM2.5 20: IAQI = 50 / 35 * 20 = 28.57 -> 29 (PM10 20 -> 20, the rest lower), 优 (green #00E400)
    assert props["aqi"] == 29 and props["colour"].upper() == "#00E400"


def test_rings_membership_on_hand_computed_distances(sources, officer, station):
    data = selectors.station_rings(officer, station.pk)
    assert _codes(data) == [("N1000", 1), ("N1001", 2), ("EAST-B", 2), ("S3000", 3)]
    rows = {r.code: r for r in data["rows"]}
    assert rows["N1000"].distance_m == pytest.approx(1000.0, abs=0.05)
    # 0.015 deg of longitude at 28.5 N: R * cos 28.5 deg * 0.015 * pi / 180
    #   = 6371008.8 * 0.878817 * 0.000261799 = 1465.8 m
    assert rows["EAST-B"].distance_m == pytest.approx(1465.8, abs=0.5)
    # wind from 2 deg (sector N): the sources due north are upwind, the one south is not
    assert rows["N1000"].upwind and rows["N1001"].upwind and not rows["S3000"].upwind
    assert not rows["EAST-B"].upwind
    counts = {c["kind"]: c["by_ring"] for c in data["counts"]}
    assert counts["restaurant"] == [1, 3, 4]  # cumulative per ring
    assert data["upwind_sector"] == 0


def test_configurable_radii(sources, officer, station):
    data = selectors.station_rings(officer, station.pk, "1000.5")
    assert _codes(data) == [("N1000", 1)]


def test_a_district_user_sees_only_the_districts_rows(sources, district_a_user, station):
    codes = [c for c, _ in _codes(selectors.station_rings(district_a_user, station.pk))]
    assert "EAST-B" not in codes and "N1000" in codes
    b_user = factories.user("district", sources[-1].jurisdiction.parent.parent)
    assert [c for c, _ in _codes(selectors.station_rings(b_user, station.pk))] == ["EAST-B"]
    layer = selectors.layer_collection(b_user, "inventory-restaurant", {})
    assert [f["properties"]["code"] for f in layer["features"]] == ["EAST-B"]


def test_problem_sources_are_flagged(sources, officer, station):
    admin = factories.user("admin", None, is_superuser=True)
    inventory.check_record(source=sources[1], date=timezone.localdate(), outcome="problem", findings="油烟直排",
                           actor=admin)
    rows = {r.code: r for r in selectors.station_rings(officer, station.pk)["rows"]}
    assert rows["N1001"].flagged and not rows["N1000"].flagged


def test_pages_json_and_export_agree(sources, officer, station, client_for):
    c = client_for(officer)
    assert c.get("/dashboard/map/").status_code == 200
    js = c.get(f"/dashboard/map/rings/{station.pk}/?format=json").json()
    assert [r["code"] for r in js["rows"]] == ["N1000", "N1001", "EAST-B", "S3000"]
    page = c.get(f"/dashboard/map/rings/{station.pk}/")
    assert page.status_code == 200 and "N1001" in page.content.decode()
    export = c.get(f"/dashboard/map/rings/{station.pk}/?export=xlsx")
    ws = load_workbook(io.BytesIO(export.content)).active
    assert [row[2] for row in ws.iter_rows(min_row=2, values_only=True)] == ["N1000", "N1001", "EAST-B", "S3000"]
    assert c.get("/dashboard/map/rings/999999/").status_code == 404
    assert c.get(f"/dashboard/map/rings/{station.pk}/?radii=3000,1000&format=json").status_code == 422
    assert c.get("/dashboard/map/layers/nope/").status_code == 404
    assert c.get("/dashboard/map/layers/boundaries/").json()["features"]


def test_points_are_aggregated_at_city_zoom(tree, officer):
    admin = factories.user("admin", None, is_superuser=True)
    for i in range(30):
        _source(f"P{i}", 115.1 + i * 1e-4, 28.1)
    from ecogov.dashboard import cluster

    fc = selectors.layer_collection(admin, "inventory-restaurant", {"zoom": "10"})
    assert len(fc["features"]) == 30  # below the threshold: sent whole
    data = selectors.contrib.resolve("ecogov.inventory.layers:restaurant")(admin)
    out = cluster.cluster(data, 10, threshold=10)
    assert sum(f["properties"].get("count", 1) for f in out["features"]) == 30 and len(out["features"]) == 1


def test_enterprises_in_the_ring_with_an_open_ledger_item_are_flagged(sources, officer, station, tree):
    from ecogov.rectification import services as ledger
    from ecogov.registry.tests.helpers import make_object

    near = make_object(tree["grid_a"], lon=LON, lat=north(1500), supervision_class="A")
    calm = make_object(tree["grid_a"], lon=LON, lat=north(2500))
    admin = factories.user("admin", None, is_superuser=True)
    ledger.item_create(actor=admin, data={"problem": "废气超标", "supervised_object": near,
                                          "jurisdiction": tree["grid_a"], "deadline": timezone.localdate()})
    rows = {r.code: r for r in selectors.station_rings(officer, station.pk)["rows"]}
    assert rows[near.uscc].ring == 2 and rows[near.uscc].ledger and rows[near.uscc].kind_label == "企业（A类）"
    assert rows[calm.uscc].ring == 3 and not rows[calm.uscc].flagged


def test_layers_and_rings_are_shifted_for_gcj02_tiles(sources, officer, station, client_for):
    from ecogov.core.geo import wgs84_to_gcj02

    plain = selectors.layer_collection(officer, "monitoring-stations", {})
    shifted = selectors.layer_collection(officer, "monitoring-stations", {"datum": "gcj02"})
    a = next(f for f in plain["features"] if f["properties"]["code"] == "369900051")["geometry"]["coordinates"]
    b = next(f for f in shifted["features"] if f["properties"]["code"] == "369900051")["geometry"]["coordinates"]
    assert b == pytest.approx(list(wgs84_to_gcj02(*a)), abs=1e-7)
    js = client_for(officer).get(f"/dashboard/map/rings/{station.pk}/?format=json&datum=gcj02").json()
    assert (js["lon"], js["lat"]) == pytest.approx(wgs84_to_gcj02(LON, 28.5), abs=1e-7)
    # the ring membership itself is computed in WGS-84 and does not move
    assert [r["code"] for r in js["rows"]] == ["N1000", "N1001", "EAST-B", "S3000"]


def test_a_station_without_wind_takes_the_nearest_stations_wind(sources, officer, station, tree):
    from ecogov.monitoring.models import Station, WindReading

    WindReading.objects.filter(station=station).delete()
    near = Station.objects.create(code="MS002", name="近处微站", kind="micro", jurisdiction=tree["grid_a"],
                                  lon=LON + 0.01, lat=28.5)  # about 980 m east
    from ecogov.monitoring.models import Reading

    time = Reading.objects.filter(station=station).order_by("-time").first().time
    WindReading.objects.create(station=near, time=time, direction=180.0, speed=1.0, source="test",
                               ingested=timezone.now())
    data = selectors.station_rings(officer, station.pk)
    assert data["wind_from"] == 180.0 and data["wind_station"] == "近处微站"
    rows = {r.code: r for r in data["rows"]}
    assert rows["S3000"].upwind and not rows["N1000"].upwind  # a south wind: the southern source is upwind


def test_the_public_map_shows_only_the_public_subset(sources, station, tree):
    from django.test import Client

    anon = Client()
    assert anon.get("/public/dashboard/map/").status_code == 200
    fc = anon.get("/public/dashboard/map/layers/monitoring-stations/").json()
    assert {f["properties"]["code"] for f in fc["features"]} == {"369900051", "MS001"}
    assert anon.get("/public/dashboard/map/layers/boundaries/").json()["features"]
    assert anon.get("/public/dashboard/map/layers/public-penalties/").json()["features"] == []
    # the inventory, the ledger and complaints are not public
    for key in ("inventory-restaurant", "complaint-density", "rectification-open", "supervised-objects"):
        assert anon.get(f"/public/dashboard/map/layers/{key}/").status_code == 404
    assert anon.get("/dashboard/map/layers/inventory-restaurant/").status_code == 302  # staff sign-in


def test_the_ring_radii_setting(sources, officer, station, client_for, settings):
    settings.MAP_RING_RADII_M = (1000, 3000)
    js = client_for(officer).get(f"/dashboard/map/rings/{station.pk}/?format=json").json()
    assert js["radii"] == [1000, 3000]
    assert [(r["code"], r["ring"]) for r in js["rows"]] == [("N1000", 1), ("N1001", 2), ("EAST-B", 2), ("S3000", 2)]


def test_complaints_as_hexagons_and_as_flags_within_the_jurisdiction(sources, officer, station, tree):
    from django.apps import apps

    from ecogov.complaints import defaults
    from ecogov.complaints import services as complaints
    from ecogov.complaints.models import ComplaintCategory

    defaults.load(apps)
    air = ComplaintCategory.objects.get(code="air")
    for i in range(3):  # within a few metres of each other, 100 m north of the source N1000
        complaints.complaint_submit(category=air, description="工地夜间扬尘严重", lon=LON + i * 1e-5, lat=north(1100))
    complaints.complaint_submit(category=air, description="工地夜间扬尘严重", lon=115.8, lat=28.8)  # district B
    district_a = factories.user("district", tree["district_a"])
    counts = sorted(f["properties"]["count"] for f in
                    selectors.layer_collection(district_a, "complaint-density", {})["features"])
    assert counts == [3]
    leader = factories.user("leader", tree["city"])
    assert sorted(f["properties"]["count"] for f in
                  selectors.layer_collection(leader, "complaint-density", {})["features"]) == [1, 3]
    rows = {r.code: r for r in selectors.station_rings(officer, station.pk)["rows"]}
    # N1000 is 100 m and N1001 99 m from them (inside 300 m); S3000 is 4.1 km away
    assert rows["N1000"].complaints == 3 and rows["N1001"].complaints == 3 and rows["N1000"].flagged
    assert rows["S3000"].complaints == 0


def test_supervised_objects_layer_respects_the_jurisdiction(station, tree):
    from ecogov.registry.tests.helpers import make_object

    make_object(tree["grid_a"], lon=115.2, lat=28.5, supervision_class="A", name="甲区企业")
    make_object(tree["grid_b"], lon=115.8, lat=28.5, supervision_class="B", name="乙区企业")
    district_a = factories.user("district", tree["district_a"])
    names = [f["properties"]["name"] for f in selectors.layer_collection(district_a, "supervised-objects", {})["features"]]
    assert names == ["甲区企业"]
    colours = {f["properties"]["name"]: f["properties"]["colour"] for f in
               selectors.layer_collection(factories.user("leader", tree["city"]), "supervised-objects", {})["features"]}
    assert colours == {"甲区企业": "#d62728", "乙区企业": "#ff7f0e"}

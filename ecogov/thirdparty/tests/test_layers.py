"""The one map's third-party layers through the dashboard's GeoJSON endpoint: muck-truck tracks
(lines, red with a violation; the approved route), their violations (points), construction sites
under dust responsibility by state, and hazardous-waste collection points; each in scope only."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from ecogov.testing import factories
from ecogov.thirdparty import layers, services_dust, services_waste
from ecogov.thirdparty.models import CollectionPoint, WasteUnit
from ecogov.thirdparty.models_dust import MuckTruck, TruckTrack

from .test_dust import CSV_HEAD, site

URL = "/dashboard/map/layers/{}/"
ROUTE = [[120.0, 30.0], [120.0, 30.05]]
NIGHT1 = CSV_HEAD + "\n".join([
    "2026-06-01 22:00:00,120.0,30.000,1",
    "2026-06-01 22:01:00,120.0,30.003,0",     # 333.6 m moved with the lid open: unsealed
    "2026-06-01 22:02:00,120.01,30.006,1",    # 0.01 deg east at 30 N, 962.9 m off the route (corridor 200 m)
]) + "\n"
NIGHT2 = CSV_HEAD + "\n".join([
    "2026-06-02 21:00:00,120.0,30.010,1",
    "2026-06-02 21:01:00,120.0,30.012,1",
    "2026-06-02 21:02:00,120.0,30.014,1",
]) + "\n"


def _by_kind(fc):
    out: dict[str, list] = {}
    for f in fc["features"]:
        out.setdefault(f["properties"].get("kind", ""), []).append(f)
    return out


def test_muck_truck_tracks_and_violations(tree, officer, client_for):
    truck = MuckTruck.objects.create(plate="示G0001渣", company="渣土公司", jurisdiction=tree["district_a"],
                                     route=ROUTE, corridor_m=200)
    c = client_for(officer)
    services_dust.track_import(truck=truck, data=NIGHT1.encode(), actor=officer)
    assert TruckTrack.objects.get().fixes == 3
    assert services_dust.track_import(truck=truck, data=NIGHT1.encode(), actor=officer) == 0
    assert TruckTrack.objects.count() == 1  # the same run imported twice is one track
    resp = c.get(URL.format("thirdparty-muck-trucks"))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/json"
    kinds = _by_kind(resp.json())
    assert [f["geometry"] for f in kinds["route"]] == [{"type": "LineString", "coordinates": ROUTE}]
    (track,) = kinds["track"]
    assert track["geometry"] == {"type": "LineString", "coordinates": [[120.0, 30.0], [120.0, 30.003], [120.01, 30.006]]}
    assert (track["properties"]["violations"], track["properties"]["colour"]) == (2, layers.TRACK_BAD)
    assert track["properties"]["url"] == f"/thirdparty/trucks/{truck.pk}/"
    points = {f["properties"]["violation"]: f["geometry"]["coordinates"] for f in kinds["violation"]}
    assert points == {"unsealed": [120.0, 30.003], "off_route": [120.01, 30.006]}
    # a later clean run: by default each truck's newest track, without the earlier run's violations
    services_dust.track_import(truck=truck, data=NIGHT2.encode(), actor=officer)
    kinds = _by_kind(c.get(URL.format("thirdparty-muck-trucks")).json())
    assert [(f["properties"]["violations"], f["properties"]["colour"]) for f in kinds["track"]] == [(0, layers.TRACK_OK)]
    assert "violation" not in kinds
    page = c.get(f"/thirdparty/trucks/{truck.pk}/").content.decode()
    tracks_table = page.split('id="tracks"')[1].split("</table>")[0]
    assert tracks_table.count("<tr>") == 3  # the header and the two runs
    # the night of 1 June asked for by date
    kinds = _by_kind(c.get(URL.format("thirdparty-muck-trucks") + "?date=2026-06-01").json())
    assert [f["properties"]["violations"] for f in kinds["track"]] == [2] and len(kinds["violation"]) == 2
    # a bounding box west of the off-route fix keeps only the unsealed point
    kinds = _by_kind(c.get(URL.format("thirdparty-muck-trucks"), {"date": "2026-06-01",
                                                                   "bbox": "119.99,29.99,120.005,30.1"}).json())
    assert [f["properties"]["violation"] for f in kinds["violation"]] == ["unsealed"]
    assert c.get(URL.format("thirdparty-muck-trucks") + "?date=2026-02-30").status_code == 422
    # another district's account sees nothing of district A's truck
    district_b = client_for(factories.user("district", tree["district_b"]))
    assert district_b.get(URL.format("thirdparty-muck-trucks")).json()["features"] == []
    district_a = client_for(factories.user("district", tree["district_a"]))
    assert len(district_a.get(URL.format("thirdparty-muck-trucks")).json()["features"]) == 2  # route and track


def test_dust_sites_coloured_by_their_latest_review_or_inspection(tree, officer, client_for):
    stop, ok, new = site(tree["grid_a"], "CS1"), site(tree["grid_a"], "CS2"), site(tree["grid_b"], "CS3")
    for n, s in enumerate((stop, ok, new), start=1):
        services_dust.duty_create(site_id=s.pk, letter_no=f"扬尘责〔2026〕00{n}号", signed_on=dt.date(2026, 1, 5),
                                  responsible_person="张三", actor=officer)
    duties = {d.site_id: d for d in services_dust.DustResponsibility.objects.all()}
    all_in = dict.fromkeys(services_dust.CHECKLIST, True)
    services_dust.inspection_record(duty=duties[stop.pk], date=dt.date(2026, 3, 2), items=all_in | {"wash": False},
                                    actor=officer)
    services_dust.review_record(duty=duties[stop.pk], held_on=dt.date(2026, 3, 6), decision="stop",
                                reasons="冲洗设施未运行", actor=officer)
    services_dust.inspection_record(duty=duties[ok.pk], date=dt.date(2026, 3, 2), items=all_in | {"wash": False},
                                    actor=officer)
    services_dust.inspection_record(duty=duties[ok.pk], date=dt.date(2026, 3, 9), items=all_in, actor=officer)
    fc = client_for(officer).get(URL.format("thirdparty-dust-sites")).json()
    states = {f["properties"]["name"]: (f["properties"]["state"], f["properties"]["colour"]) for f in fc["features"]}
    assert states == {"CS1安置房项目": ("stop", "#d62728"), "CS2安置房项目": ("ok", "#2ca02c"),
                      "CS3安置房项目": ("new", "#7f7f7f")}
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [115.9, 28.7]}
    district_b = client_for(factories.user("district", tree["district_b"]))
    assert [f["properties"]["name"] for f in district_b.get(URL.format("thirdparty-dust-sites")).json()["features"]] \
        == ["CS3安置房项目"]


def test_collection_points_with_their_tonnes(tree, officer, client_for):
    inside = WasteUnit.objects.create(name="处置中心", role="handler", jurisdiction=tree["district_a"])
    producer = WasteUnit.objects.create(name="甲产废", role="producer", jurisdiction=tree["district_a"])
    p1 = CollectionPoint.objects.create(code="P1", name="甲收集点", jurisdiction=tree["district_a"], operator=inside,
                                        units_served=640, lon=115.2, lat=28.5)
    CollectionPoint.objects.create(code="P2", name="乙收集点", jurisdiction=tree["district_b"], operator=inside,
                                   units_served=300, lon=115.7, lat=28.5)
    CollectionPoint.objects.create(code="P3", name="无坐标收集点", jurisdiction=tree["district_a"], operator=inside)
    for no, t in (("M1", "1.250"), ("M2", "2.000")):
        services_waste.collection_record(actor=officer, manifest_no=no, producer=producer, handler=inside,
                                         waste_code="HW08", tonnes=t, collected_on=dt.date(2026, 3, 1), point=p1)
    c = client_for(officer)
    fc = c.get(URL.format("thirdparty-waste-points")).json()
    got = {f["properties"]["code"]: (f["geometry"]["coordinates"], f["properties"]["units_served"],
                                     f["properties"]["tonnes"]) for f in fc["features"]}
    assert got == {"P1": ([115.2, 28.5], 640, 3.25), "P2": ([115.7, 28.5], 300, 0.0)}  # 1.25 + 2.00 t
    assert Decimal(str(got["P1"][2])) == Decimal("1.250") + Decimal("2.000")
    east = c.get(URL.format("thirdparty-waste-points"), {"bbox": "115.5,28.0,116.0,29.0"}).json()
    assert [f["properties"]["code"] for f in east["features"]] == ["P2"]
    district_a = client_for(factories.user("district", tree["district_a"]))
    assert [f["properties"]["code"] for f in district_a.get(URL.format("thirdparty-waste-points")).json()["features"]] \
        == ["P1"]


def test_the_map_page_offers_the_layers(officer, client_for, tree):
    page = client_for(officer).get("/dashboard/map/")
    assert page.status_code == 200
    body = page.content.decode()
    for key in ("thirdparty-muck-trucks", "thirdparty-dust-sites", "thirdparty-waste-points"):
        assert json.dumps(f"/dashboard/map/layers/{key}/")[1:-1] in body or f"/dashboard/map/layers/{key}/" in body
    ent = client_for(factories.user("enterprise", tree["district_a"]))
    assert ent.get(URL.format("thirdparty-muck-trucks")).status_code in (403, 404)

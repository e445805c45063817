"""District isolation of every third-party record, on the pages (lists, their .xlsx exports, the
detail pages) and through the API: a district officer of district A sees district A's stations,
records, hits, collection points and records, radioactive sources, dust sites, muck trucks and
their violations, and none of district B's; the city officer sees both."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ecogov.testing import factories
from ecogov.thirdparty import services, services_dust, services_waste
from ecogov.thirdparty.models import CollectionPoint, RadioactiveSource, WasteUnit
from ecogov.thirdparty.models_dust import MuckTruck, TruckViolation

from .test_dust import site
from .test_services import csv_bytes, row

NIGHT = ("2026-05-11 06:00:00", "2026-05-11 06:03:00")


@pytest.fixture
def both(station_a, station_b, officer, tree):
    """One of each third-party record in district A (marked "A") and in district B ("B")."""
    services.records_import(actor=officer, filename="x.csv", data=csv_bytes(
        row("REC-A", "示A1", *NIGHT, curve=""), row("REC-B", "示B1", *NIGHT, station="JDC-B1", curve="")))
    out = {}
    for d, grid in (("A", "grid_a"), ("B", "grid_b")):
        j = tree[f"district_{d.lower()}"]
        handler = WasteUnit.objects.create(name=f"处置中心{d}", role="handler", jurisdiction=j)
        producer = WasteUnit.objects.create(name=f"产废{d}", role="producer", jurisdiction=j)
        point = CollectionPoint.objects.create(code=f"PT-{d}", name=f"收集点{d}", jurisdiction=j, operator=handler,
                                               units_served=10, lon=115.2 if d == "A" else 115.7, lat=28.5)
        services_waste.collection_record(actor=officer, manifest_no=f"MAN-{d}", producer=producer, handler=handler,
                                         waste_code="HW08", tonnes="1", collected_on=dt.date(2026, 3, 1), point=point)
        RadioactiveSource.objects.create(code=f"SRC-{d}", holder=f"持有单位{d}", jurisdiction=j, nuclide="Cs-137",
                                         category="IV")
        duty = services_dust.duty_create(site_id=site(tree[grid], f"SITE-{d}").pk, letter_no=f"LETTER-{d}",
                                         signed_on=dt.date(2026, 1, 5), responsible_person="张三", actor=officer)
        truck = MuckTruck.objects.create(plate=f"示G{d}渣", company="渣土公司", jurisdiction=j)
        TruckViolation.objects.create(truck=truck, kind="unsealed", at=timezone.now(), lon=115.2, lat=28.5,
                                      detail=f"VIOL-{d}")
        out[d] = {"duty": duty, "truck": truck}
    return out


LISTS = ("/thirdparty/stations/", "/thirdparty/records/", "/thirdparty/hits/", "/thirdparty/waste/points/",
         "/thirdparty/waste/records/", "/thirdparty/sources/", "/thirdparty/dust/", "/thirdparty/trucks/",
         "/thirdparty/trucks/violations/")
#: What identifies district X's row in each list (its page and its export).
MARK = {"/thirdparty/stations/": "JDC-{}1", "/thirdparty/records/": "REC-{}", "/thirdparty/hits/": "REC-{}",
        "/thirdparty/waste/points/": "PT-{}", "/thirdparty/waste/records/": "MAN-{}", "/thirdparty/sources/": "SRC-{}",
        "/thirdparty/dust/": "LETTER-{}", "/thirdparty/trucks/": "示G{}渣", "/thirdparty/trucks/violations/": "示G{}渣"}


def _export_text(c, url) -> str:
    resp = c.get(url + "?export=xlsx")
    assert resp.status_code == 200, url
    rows = load_workbook(io.BytesIO(resp.content)).worksheets[0].iter_rows(values_only=True)
    return "\n".join(" ".join(str(v) for v in r if v is not None) for r in rows)


def test_pages_and_exports_show_only_the_districts_records(both, officer, client_for, tree):
    city, district_a = client_for(officer), client_for(factories.user("district", tree["district_a"]))
    for url in LISTS:
        a, b = MARK[url].format("A"), MARK[url].format("B")
        page = district_a.get(url)
        assert page.status_code == 200, url
        body = page.content.decode()
        assert a in body and b not in body, url
        exported = _export_text(district_a, url)
        assert a in exported and b not in exported, url
        body = city.get(url).content.decode()
        assert a in body and b in body, url


def test_detail_pages_of_another_district_are_not_found(both, client_for, tree, station_b):
    from ecogov.thirdparty.models import FraudHit

    district_a = client_for(factories.user("district", tree["district_a"]))
    b_hit = FraudHit.objects.get(record__record_no="REC-B")
    for url in (f"/thirdparty/stations/{station_b.pk}/", f"/thirdparty/hits/{b_hit.pk}/",
                f"/thirdparty/dust/{both['B']['duty'].pk}/", f"/thirdparty/trucks/{both['B']['truck'].pk}/"):
        assert district_a.get(url).status_code == 404, url
    for url in (f"/thirdparty/dust/{both['A']['duty'].pk}/", f"/thirdparty/trucks/{both['A']['truck'].pk}/"):
        assert district_a.get(url).status_code == 200, url
    # nor can its writes reach them
    assert district_a.post(f"/thirdparty/dust/{both['B']['duty'].pk}/review/",
                           {"held_on": "2026-03-06", "decision": "stop", "reasons": "x"}).status_code == 404
    assert district_a.post("/thirdparty/sources/store/", {"code": "SRC-B", "stored_on": "2026-05-01",
                                                         "storage": "废物库"}).status_code in (302, 404)
    assert RadioactiveSource.objects.get(code="SRC-B").status == "in_use"


def test_the_api_lists_only_the_districts_records(both, officer, client_for, tree):
    district_a = client_for(factories.user("district", tree["district_a"]))
    city = client_for(officer)

    def items(c, url, key):
        return sorted(i[key] for i in c.get(url).json()["items"])

    assert items(district_a, "/api/thirdparty/stations", "code") == ["JDC-A1"]
    assert items(district_a, "/api/thirdparty/records", "record_no") == ["REC-A"]
    assert items(district_a, "/api/thirdparty/hits", "record_no") == ["REC-A"]
    assert items(district_a, "/api/thirdparty/waste/records", "manifest_no") == ["MAN-A"]
    assert items(district_a, "/api/thirdparty/trucks/violations", "plate") == ["示GA渣"]
    assert items(city, "/api/thirdparty/waste/records", "manifest_no") == ["MAN-A", "MAN-B"]
    figures = district_a.get("/api/thirdparty/waste/figures").json()
    assert (figures["points"], figures["units_served"], figures["tonnes"]) == (1, 10, 1.0)
    assert [r["area"] for r in district_a.get("/api/thirdparty/waste/rates").json()] == ["甲区", "合计"]
    assert city.get("/api/thirdparty/waste/figures").json()["points"] == 2
    # another district's truck cannot take a track
    resp = district_a.post(f"/api/thirdparty/trucks/{both['B']['truck'].pk}/track",
                           {"file": io.BytesIO(b"time,lon,lat,lid_closed\n2026-06-01 22:00:00,115.7,28.5,1\n")})
    assert resp.status_code == 404

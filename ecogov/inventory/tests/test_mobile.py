"""Mobile monitoring (走航): import, matching to roads, dust levels, idempotence, scope, pages and API.

Distances by hand: one degree of latitude is R * pi / 180 = 6,371,008.8 * 0.01745329 = 111,195.08 m, so
30 m north is 30 / 111,195.08 = 0.00026980 deg and 80 m is 0.00071945 deg. At 28.5 N one degree of
longitude is 111,195.08 * cos(28.5 deg) = 111,195.08 * 0.878817 = 97,720.3 m, so 0.0003 deg east is 29.3 m.
"""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook

from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import ImportFailed
from ecogov.core.models import AuditLog
from ecogov.inventory import mobile, services
from ecogov.inventory.models import MobileRun, MobileRunRoad, Source
from ecogov.testing import factories

pytestmark = pytest.mark.django_db
DEG_M = 111195.08  # metres per degree of latitude (above)
HEADER = ("时间", "经度", "纬度", "PM10", "PM2.5", "坐标系")


def _road(actor, code="DL-1", coords=((115.2, 28.5), (115.21, 28.5)), grid="369902001001"):
    return services.source_create(data={
        "code": code, "kind": "road", "name": f"道路{code}", "jurisdiction": grid,
        "geometry": {"type": "LineString", "coordinates": [list(c) for c in coords]}}, actor=actor)


def _day():
    return timezone.localdate() - dt.timedelta(days=2)


def _t(minute: int) -> str:
    return f"{_day():%Y-%m-%d} 09:{minute:02d}:00"


def _xlsx(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(rows, header=HEADER) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def test_a_reading_30_m_from_a_road_matches_and_one_80_m_away_does_not(tree, admin_user):
    road = _road(admin_user)  # along 28.5 N from 115.20 to 115.21 E
    run, created = mobile.run_import(data=_xlsx([
        (_t(0), 115.205, 28.5 + 30 / DEG_M, 120, 50, "WGS-84"),   # 30 m north of the road: matched
        (_t(1), 115.205, 28.5 + 80 / DEG_M, 900, 300, "WGS-84"),  # 80 m north, beyond the 50 m buffer
    ]), actor=admin_user)
    assert created
    assert (run.n_readings, run.n_matched, run.n_unmatched, run.n_roads) == (2, 1, 1, 1)
    result = MobileRunRoad.objects.get(run=run)
    # only the 30 m reading counts: mean PM10 120 < 150 -> low
    assert (result.source_id, result.n_readings, result.mean_pm10, result.mean_pm25) == (road.pk, 1, 120.0, 50.0)
    road.refresh_from_db()
    assert (road.dust_level, road.last_checked) == ("low", _day())
    assert AuditLog.objects.for_object(road).filter(note__startswith="走航").exists()


def test_the_level_is_the_band_of_the_mean_pm10_at_the_band_edges(tree, admin_user):
    a = _road(admin_user, "DL-A")
    b = _road(admin_user, "DL-B", coords=((115.2, 28.6), (115.21, 28.6)))
    c = _road(admin_user, "DL-C", coords=((115.2, 28.7), (115.21, 28.7)))
    mobile.run_import(data=_xlsx([
        (_t(0), 115.201, 28.5, 140, 60, None), (_t(1), 115.202, 28.5, 160, 80, None),   # A: (140+160)/2 = 150.0
        (_t(2), 115.201, 28.6, 149.8, 60, None), (_t(3), 115.202, 28.6, 150, 70, None),  # B: 299.8/2 = 149.9
        (_t(4), 115.201, 28.7, 250, 90, None), (_t(5), 115.202, 28.7, 250, 95, None),   # C: 250.0
    ]), actor=admin_user)
    # bands: < 150 low, 150 <= x < 250 medium, >= 250 high
    levels = {s.code: s.dust_level for s in Source.objects.all()}
    assert levels == {"DL-A": "medium", "DL-B": "low", "DL-C": "high"}
    assert MobileRunRoad.objects.get(source=a).mean_pm25 == 70.0  # (60 + 80) / 2
    assert MobileRunRoad.objects.get(source=b).mean_pm10 == 149.9
    assert MobileRunRoad.objects.get(source=c).mean_pm25 == 92.5  # (90 + 95) / 2


def test_the_bands_and_buffer_are_settings(tree, admin_user, settings):
    settings.INVENTORY_MOBILE_DUST_BANDS = ((100, "low"), (None, "high"))
    settings.INVENTORY_MOBILE_BUFFER_M = 100
    road = _road(admin_user)
    mobile.run_import(data=_xlsx([(_t(0), 115.205, 28.5 + 80 / DEG_M, 120, 50, None)]), actor=admin_user)
    road.refresh_from_db()
    assert road.dust_level == "high"  # 80 m is inside a 100 m buffer, and 120 >= 100


def test_gcj02_readings_are_converted_to_wgs84(tree, admin_user):
    # published pair: WGS-84 (116.377817, 39.911954) = GCJ-02 (116.38404722455657, 39.91334545536069);
    # the road passes through the WGS-84 point; the raw GCJ-02 point is 0.0062 deg (about 530 m) east of its end
    road = _road(admin_user, coords=((116.377, 39.911954), (116.379, 39.911954)))
    run, _ = mobile.run_import(data=_xlsx([(_t(0), 116.38404722455657, 39.91334545536069, 200, 90, "GCJ-02")]),
                               actor=admin_user)
    _, lon, lat, *_rest, matched = run.readings[0]
    assert lon == pytest.approx(116.377817, abs=2e-6) and lat == pytest.approx(39.911954, abs=2e-6)
    assert matched == road.pk and run.datum == "gcj02"
    road.refresh_from_db()
    assert road.dust_level == "medium"


def test_a_bad_row_refuses_the_whole_file_with_its_row_number(tree, admin_user):
    road = _road(admin_user)
    with pytest.raises(ImportFailed) as exc:
        mobile.run_import(data=_xlsx([
            (_t(0), 115.205, 28.5, 120, 50, None),       # row 2: good
            (_t(1), 115.205, 28.5, "abc", 50, None),     # row 3: bad number
            (_t(2), 10.0, 28.5, 120, 50, None),          # row 4: outside China
            (None, 115.205, 28.5, 120, 50, None),        # row 5: no time
            (_t(4), 115.205, 28.5, 6000, 50, None),      # row 6: PM10 above 5000
            (_t(5), 115.205, 28.5, 120, 50, "BD-09"),    # row 7: unknown datum
        ]), actor=admin_user)
    errors = {e.row: e.message for e in exc.value.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert "应为数值" in errors[3] and "not a number" in errors[3]
    assert "中国境内" in errors[4] and "outside China" in errors[4]
    assert "必填" in errors[5] and "required" in errors[5]
    assert "5000" in errors[6]
    assert MobileRun.objects.count() == 0 and MobileRunRoad.objects.count() == 0
    road.refresh_from_db()
    assert (road.dust_level, road.last_checked) == ("", None)


def test_importing_the_same_run_again_changes_nothing(tree, admin_user):
    road = _road(admin_user)
    rows = [(_t(0), 115.205, 28.5, 120, 50, None), (_t(1), 115.206, 28.5, 140, 55, None)]
    first, created = mobile.run_import(data=_xlsx(rows), actor=admin_user)
    audits = AuditLog.objects.count()
    again, created_again = mobile.run_import(data=_xlsx(rows), actor=admin_user)
    as_csv, created_csv = mobile.run_import(data=_csv(rows), actor=admin_user)  # the same readings as CSV
    assert created and not created_again and not created_csv
    assert again.pk == first.pk == as_csv.pk
    assert MobileRun.objects.count() == 1 and MobileRunRoad.objects.filter(source=road).count() == 1
    assert AuditLog.objects.count() == audits


def test_a_district_user_touches_only_roads_and_readings_of_its_district(tree, admin_user, district_a_user):
    b_road = _road(admin_user, "DL-B", coords=((115.5002, 28.5), (115.51, 28.5)), grid="369903001001")
    near_b = (_t(0), 115.4999, 28.5, 300, 100, None)  # inside district A, 29.3 m west of district B's road
    run, _ = mobile.run_import(data=_xlsx([near_b]), actor=district_a_user)
    assert (run.n_matched, run.n_unmatched) == (0, 1)
    b_road.refresh_from_db()
    assert b_road.dust_level == ""
    with pytest.raises(ImportFailed) as exc:  # a reading inside district B
        mobile.run_import(data=_xlsx([(_t(1), 115.7, 28.5, 300, 100, None)]), actor=district_a_user)
    assert [e.row for e in exc.value.errors] == [2] and "jurisdiction" in exc.value.errors[0].message
    # the city's admin, with the same reading, sets district B's road (so the refusal above is the scope)
    mobile.run_import(data=_xlsx([(_t(2), 115.4999, 28.5, 300, 100, None)]), actor=admin_user)
    b_road.refresh_from_db()
    assert b_road.dust_level == "high"


def test_an_older_run_is_history_and_does_not_override_a_later_check(tree, admin_user):
    road = _road(admin_user)
    services.check_record(source=road, date=timezone.localdate(), outcome="ok", dust_level="low", actor=admin_user)
    run, _ = mobile.run_import(data=_xlsx([(_t(0), 115.205, 28.5, 400, 100, None)]), actor=admin_user)
    road.refresh_from_db()
    assert (road.dust_level, road.last_checked) == ("low", timezone.localdate())
    assert not MobileRunRoad.objects.get(run=run).applied


def test_pages_import_list_detail_export_and_the_road_links_to_its_runs(tree, admin_user, district_a_user,
                                                                         client_for):
    road = _road(admin_user)
    web = client_for(admin_user)
    assert web.get("/inventory/mobile/import/template/").status_code == 200
    data = _xlsx([(_t(0), 115.205, 28.5, 120, 50, None), (_t(1), 115.3, 28.9, 80, 40, None)])
    bad = _xlsx([(_t(0), 115.205, 28.5, 120, 50, None), (_t(1), 115.205, 28.5, 120, "x", None)])
    refused = web.post("/inventory/mobile/import/", {"file": io.BytesIO(bad)}).content.decode()
    assert 'id="import-errors"' in refused and "<td>3</td>" in refused and MobileRun.objects.count() == 0
    resp = web.post("/inventory/mobile/import/", {"file": io.BytesIO(data)})
    run = MobileRun.objects.get()
    assert resp.status_code == 200 and f"/inventory/mobile/{run.pk}/" in resp.content.decode()
    assert web.get("/inventory/mobile/").status_code == 200
    page = web.get(f"/inventory/mobile/{run.pk}/").content.decode()
    assert road.code in page and 'id="run-unmatched">1<' in page
    export = web.get(f"/inventory/mobile/{run.pk}/?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"/inventory/mobile/{run.pk}/" in web.get(f"/inventory/{road.pk}/").content.decode()
    # a district B user sees neither the run (filed under the city) nor district A's road in it
    other = client_for(factories.user("district", tree["district_b"]))
    assert other.get(f"/inventory/mobile/{run.pk}/").status_code == 404
    # district A's user sees the run because it passed one of its roads
    assert client_for(district_a_user).get(f"/inventory/mobile/{run.pk}/").status_code == 200


def test_api_post_and_get(tree, admin_user, client_for):
    road = _road(admin_user)
    api = client_for(admin_user)
    body = {"vehicle": "走航车1号", "readings": [
        {"time": f"{_day()}T09:00:00", "lon": 115.205, "lat": 28.5 + 30 / DEG_M, "pm10": 240, "pm25": 100},
        {"time": f"{_day()}T09:01:00", "lon": 115.206, "lat": 28.5, "pm10": 260, "pm25": 110, "tsp": 400},
        {"time": f"{_day()}T09:02:00", "lon": 115.205, "lat": 28.5 + 80 / DEG_M, "pm10": 10, "pm25": 5},
    ]}
    resp = api.post("/api/inventory/mobile-runs", body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    out = resp.json()
    assert (out["n_readings"], out["n_matched"], out["n_unmatched"], out["vehicle"]) == (3, 2, 1, "走航车1号")
    # (240 + 260) / 2 = 250.0 -> high; (100 + 110) / 2 = 105.0
    assert [(r["source_code"], r["n_readings"], r["mean_pm10"], r["mean_pm25"], r["dust_level"])
            for r in out["roads"]] == [(road.code, 2, 250.0, 105.0, "high")]
    again = api.post("/api/inventory/mobile-runs", body, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == out["id"] and not again.json()["created"]
    assert [r["id"] for r in api.get("/api/inventory/mobile-runs").json()["items"]] == [out["id"]]
    assert api.get(f"/api/inventory/mobile-runs/{out['id']}").json()["roads"][0]["dust_level"] == "high"
    bad = {"readings": [{**body["readings"][0], "pm10": -1}]}
    resp = api.post("/api/inventory/mobile-runs", bad, content_type="application/json")
    assert resp.status_code == 422 and resp.json()["detail"]["rows"][0]["row"] == 1
    assert MobileRun.objects.count() == 1


def test_a_run_dated_in_the_future_is_refused(tree, admin_user):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed):
        mobile.run_import(data=_xlsx([(f"{tomorrow} 09:00:00", 115.205, 28.5, 120, 50, None)]), actor=admin_user)

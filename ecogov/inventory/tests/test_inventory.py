"""Inventory services, import/export, pages and API, on a real database."""

import datetime as dt
import io
import math

import pytest
from openpyxl import Workbook, load_workbook

from ecogov.core.errors import PermissionRefused, ValidationFailed
from ecogov.core.excel import ImportFailed
from ecogov.core.geo import wgs84_to_gcj02
from ecogov.core.models import AuditLog
from ecogov.inventory import imports, services
from ecogov.inventory.models import Source

pytestmark = pytest.mark.django_db
R = 6371008.8


def _site(actor, code="GD-1", lon=115.2, lat=28.5, grid="369902001001", **extra):
    data = {"code": code, "kind": "construction", "name": f"工地{code}", "jurisdiction": grid,
            "lon": lon, "lat": lat, "holder": "中建五局", **extra}
    return services.source_create(data=data, actor=actor)


def test_create_from_gcj02_stores_wgs84_and_audits(tree, admin_user):
    glon, glat = wgs84_to_gcj02(115.2, 28.5)
    s = services.source_create(data={"code": "GD-9", "kind": "construction", "name": "工地", "holder": "江西建工",
                                     "jurisdiction": "369902001001", "lon": glon, "lat": glat},
                               actor=admin_user, datum="GCJ-02")
    assert s.geometry["type"] == "Point"
    assert s.lon == pytest.approx(115.2, abs=1e-7) and s.lat == pytest.approx(28.5, abs=1e-7)
    assert (s.min_lon, s.max_lat) == (s.lon, s.lat)
    assert AuditLog.objects.for_object(s).filter(event="create").exists()


def test_fields_that_do_not_fit_the_kind_are_refused(tree, admin_user):
    with pytest.raises(ValidationFailed) as exc:
        _site(admin_user, has_purifier=True)
    assert "has_purifier" in str(exc.value.detail)
    with pytest.raises(ValidationFailed):
        _site(admin_user, kind="rocket")


def test_a_district_user_cannot_place_a_source_in_another_district(tree, district_a_user):
    _site(district_a_user)  # inside district A: fine
    with pytest.raises(ValidationFailed):
        _site(district_a_user, code="GD-2", grid="369903001001", lon=115.7)


def test_check_updates_state_and_last_checked_and_an_older_check_changes_nothing(tree, admin_user):
    s = _site(admin_user)
    today = dt.date.today()
    services.check_record(source=s, date=today, outcome="problem", findings="裸土未覆盖", cover_state="bare",
                          actor=admin_user)
    s.refresh_from_db()
    assert (s.state, s.last_checked, s.cover_state) == ("problem", today, "bare")
    services.check_record(source=s, date=today - dt.timedelta(days=3), outcome="ok", actor=admin_user)
    s.refresh_from_db()
    assert (s.state, s.last_checked) == ("problem", today)
    assert s.checks.count() == 2
    with pytest.raises(ValidationFailed):
        services.check_record(source=s, date=today, outcome="problem", findings=" ", actor=admin_user)
    with pytest.raises(ValidationFailed):
        services.check_record(source=s, date=today + dt.timedelta(days=1), outcome="ok", actor=admin_user)


def test_check_outside_the_jurisdiction_is_refused(tree, admin_user, make_user):
    s = _site(admin_user, grid="369903001001", lon=115.7)
    other = make_user("street", tree["street_a"])
    with pytest.raises(PermissionRefused):
        services.check_record(source=s, date=dt.date.today(), outcome="ok", actor=other)


def _xlsx(rows, header=("编号", "类型", "名称", "网格代码", "经度", "纬度", "位置GeoJSON", "坐标系", "油烟净化器")):
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_is_all_or_nothing_with_every_bad_row_reported(tree, admin_user):
    bad = _xlsx([
        ("CY-1", "餐饮油烟", "面馆", "369902001001", 115.2, 28.5, None, None, "是"),
        ("CY-2", "火箭", "?", "369902001001", 115.2, 28.5, None, None, None),                 # row 3: kind
        ("CY-3", "餐饮油烟", "饭店", "999", 115.2, 28.5, None, None, None),                    # row 4: grid
        ("CY-4", "餐饮油烟", "饭店", "369902001001", None, None, None, None, "也许"),          # row 5: bool
    ])
    with pytest.raises(ImportFailed) as exc:
        imports.sources_import(data=bad, actor=admin_user)
    assert sorted({e.row for e in exc.value.errors}) == [3, 4, 5]
    assert Source.objects.count() == 0
    line = '{"type":"LineString","coordinates":[[115.2,28.5],[115.21,28.5]]}'
    good = _xlsx([
        ("CY-1", "餐饮油烟", "面馆", "369902001001", 115.2, 28.5, None, None, "是"),
        ("DL-1", "道路扬尘", "迎宾大道", "369902001001", None, None, line, "WGS-84", None),
    ])
    result = imports.sources_import(data=good, actor=admin_user)
    assert (result.created, result.updated) == (2, 0)
    road = Source.objects.get(code="DL-1")
    assert road.geometry["type"] == "LineString" and road.max_lon == 115.21
    again = imports.sources_import(data=good, actor=admin_user)
    assert (again.created, again.updated) == (0, 2)


def test_list_page_and_export_have_the_same_rows_and_respect_jurisdiction(tree, admin_user, district_a_user,
                                                                         client_for):
    _site(admin_user, code="A-1")
    _site(admin_user, code="B-1", grid="369903001001", lon=115.7)
    page = client_for(district_a_user).get("/inventory/")
    assert page.status_code == 200
    assert "A-1" in page.content.decode() and "B-1" not in page.content.decode()
    export = client_for(district_a_user).get("/inventory/?export=xlsx")
    ws = load_workbook(io.BytesIO(export.content)).active
    codes = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert codes == ["A-1"]


def test_api_near_filters_by_true_distance_and_jurisdiction(tree, admin_user, district_a_user, client_for):
    dlat = math.degrees(1000 / R)  # exactly 1000 m north
    _site(admin_user, code="N-1000", lon=115.2, lat=28.5 + dlat)
    _site(admin_user, code="N-1100", lon=115.2, lat=28.5 + 1.1 * dlat)
    api = client_for(district_a_user)
    resp = api.get("/api/inventory/sources/near", {"lon": 115.2, "lat": 28.5, "radius_m": 1000})
    assert resp.status_code == 200, resp.content
    rows = resp.json()
    assert [r["source"]["code"] for r in rows] == ["N-1000"]
    assert rows[0]["distance_m"] == pytest.approx(1000.0, abs=1e-3)
    assert api.get("/api/inventory/sources/near", {"lon": 115.2, "lat": 28.5, "radius_m": 0}).status_code == 422
    # a user of district B sees neither
    other = client_for(_b_user(tree))
    assert other.get("/api/inventory/sources/near", {"lon": 115.2, "lat": 28.5, "radius_m": 2000}).json() == []


def _b_user(tree):
    from ecogov.testing import factories

    return factories.user("district", tree["district_b"])


def test_api_create_and_check(tree, district_a_user, client_for):
    api = client_for(district_a_user)
    resp = api.post("/api/inventory/sources", {
        "code": "LD-1", "kind": "bare_land", "name": "地块", "jurisdiction": "369902001001", "bare_class": "2",
        "geometry": {"type": "Polygon", "coordinates": [[[115.2, 28.5], [115.201, 28.5], [115.201, 28.501]]]},
    }, content_type="application/json")
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    assert len(resp.json()["geometry"]["coordinates"][0]) == 4
    resp = api.post(f"/api/inventory/sources/{pk}/checks", {"date": dt.date.today().isoformat(), "outcome": "ok",
                                                           "cover_state": "covered"}, content_type="application/json")
    assert resp.status_code == 201, resp.content
    assert api.get(f"/api/inventory/sources/{pk}").json()["cover_state"] == "covered"
    assert client_for(_b_user(tree)).get(f"/api/inventory/sources/{pk}").status_code == 404


def test_a_problem_check_raises_a_ledger_item_due_in_ten_working_days(tree, admin_user, client_for):
    from ecogov.rectification import selectors as ledger

    s = _site(admin_user)
    day = dt.date(2026, 9, 29)  # a Tuesday before National Day
    check = services.check_record(source=s, date=day, outcome="problem", findings="裸土未覆盖", actor=admin_user,
                                  raise_ledger=True)
    assert check.ledger_ref
    page = client_for(admin_user).get(f"/inventory/{s.pk}/").content.decode()
    assert "裸土未覆盖" in page and f"/rectification/items/{check.ledger_ref}/" in page
    item_page = client_for(admin_user).get(f"/rectification/items/{check.ledger_ref}/")
    assert item_page.status_code == 200 and "裸土未覆盖" in item_page.content.decode()
    # ten working days on the State Council's 2026 calendar: 09-30 (1); 10-01..10-07 holiday; 10-08 (2),
    # 10-09 (3), Saturday 10-10 a make-up working day (4), 10-12..10-16 (5..9), Monday 10-19 (10)
    item = ledger.item_get(user=admin_user, pk=int(check.ledger_ref))
    assert item.deadline == dt.date(2026, 10, 19) and item.jurisdiction == s.jurisdiction
    with pytest.raises(ValidationFailed):
        services.check_raise_ledger(check=check, actor=admin_user)
    ok = services.check_record(source=s, date=day, outcome="ok", actor=admin_user)
    with pytest.raises(ValidationFailed):
        services.check_raise_ledger(check=ok, actor=admin_user)


def test_check_form_page(tree, admin_user, client_for):
    s = _site(admin_user)
    c = client_for(admin_user)
    assert c.get(f"/inventory/{s.pk}/").status_code == 200
    resp = c.post(f"/inventory/{s.pk}/check/", {"date": dt.date.today().isoformat(), "outcome": "problem",
                                                "findings": ""})
    assert resp.status_code == 200 and "须填写问题描述" in resp.content.decode()
    resp = c.post(f"/inventory/{s.pk}/check/", {"date": dt.date.today().isoformat(), "outcome": "ok"})
    assert resp.status_code == 302 and s.checks.count() == 1


def test_home_cards_agree_with_their_lists(tree, admin_user, district_a_user, client_for):
    s = _site(admin_user, code="A-1")
    _site(admin_user, code="A-2", last_checked=dt.date.today())
    _site(admin_user, code="B-1", grid="369903001001", lon=115.7)
    services.check_record(source=s, date=dt.date.today(), outcome="problem", findings="未覆盖", actor=admin_user)
    from ecogov.inventory import selectors

    client = client_for(district_a_user)
    cards = selectors.home_cards(district_a_user)
    # hand count for district A: two sources, one with a problem, none unchecked for 30 days (both checked today)
    assert [c["value"] for c in cards] == [2, 1, 0]
    for card in cards:
        assert client.get(card["url"]).context["page_obj"].paginator.count == card["value"], card["label"]

"""The official air assessment on a small hand-made city (see conftest.air_city), golden values
worked out by hand from HJ 663 and GB 3095-2012 Grade II (the limits in force in 2025)."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogov.assessment import air
from ecogov.monitoring.models import Station

from .conftest import days, put_daily


def _by_code(rows):
    return {r.code: r for r in rows}


def test_station_assessment_hand_worked(air_city, admin_user):
    rows = _by_code(air.assessment(admin_user, year=2025, period="ytd", level="station", today=air_city["today"]))
    a, b = rows["A1"], rows["B1"]
    pm = a.items["pm25"]
    # PM2.5 10..100: mean 55; P95: k = 1 + 9 x 0.95 = 9.55 -> 90 + (100 - 90) x 0.55 = 95.5 -> half-even 96
    assert pm["mean"] == 55 and pm["percentile"] == 96 and pm["p"] == 95
    assert pm["mean_limit"] == 35 and pm["percentile_limit"] == 75
    assert pm["mean_ok"] is False and pm["percentile_ok"] is False and pm["ok"] is False
    # constant items: SO2 10/60, NO2 20/40, PM10 40/70, CO P95 0.5 <= 4, O3 P90 100 <= 160: five met
    assert a.items["co"]["percentile"] == 0.5 and a.items["o3"]["percentile"] == 100 and a.items["o3"]["p"] == 90
    assert a.items["so2"]["p"] == 98 and a.items["so2"]["ok"] is True
    assert a.n_items_compliant == 5 and a.compliant is False
    assert b.compliant is True and b.n_items_compliant == 6
    # stored daily AQI 30 50 80 101 120 150 201 250 301 and one day without: 3 good of 9 valid, 3 heavy (> 200)
    assert (a.good_days, a.valid_days, a.heavy_days) == (3, 9, 3)
    assert a.good_ratio == pytest.approx(100 * 3 / 9)
    assert a.capture == pytest.approx(90.0)
    # composite: 55/35 + 40/70 + 10/60 + 20/40 + 0.5/4 + 100/160 = 3.5595 -> 3.56; B1: 20/35 + ... = 2.56
    assert a.composite == 3.56 and b.composite == 2.56


def test_ranks_and_rank_change_year_on_year(air_city, admin_user):
    rows = _by_code(air.assessment(admin_user, year=2025, period="ytd", level="station", today=air_city["today"]))
    a, b = rows["A1"], rows["B1"]
    # 2025: B1 2.56 < A1 3.56; 2024: A1 10/35 + 1.9881 = 2.27 < B1 30/35 + 1.9881 = 2.85
    assert (b.rank, a.rank) == (1, 2)
    assert (a.rank_previous, b.rank_previous) == (1, 2)
    assert (a.rank_change, b.rank_change) == (-1, 1)
    # PM2.5 55 against 10: +45 µg/m³, +450 %
    assert a.change("pm25") == 45 and a.change("pm25_pct") == 450.0
    assert a.previous.composite == 2.27 and b.previous.composite == 2.85


def test_district_and_city_use_the_mean_of_their_stations(air_city, admin_user):
    districts = _by_code(air.assessment(admin_user, year=2025, level="district", today=air_city["today"]))
    assert districts["369902"].pm25 == 55 and districts["369903"].pm25 == 20
    # district A's daily AQI is computed from its daily values (HJ 633 PM2.5 IAQI): PM2.5 <= 75 gives AQI
    # <= 100, so 7 good days (PM2.5 10..70) of 10, none above 200
    assert districts["369902"].good_days == 7 and districts["369902"].heavy_days == 0
    city = air.city_result(admin_user, year=2025, today=air_city["today"])
    # daily city PM2.5 (10k + 20) / 2 = 15, 20, ..., 60: mean 37.5 -> half-even 38; P95 55 + 5 x 0.55 = 57.75 -> 58
    assert city.pm25 == 38 and city.items["pm25"]["percentile"] == 58
    assert city.n_items_compliant == 5 and city.compliant is False


def test_year_statistics_need_324_valid_days(tree, admin_user):
    whole = days(dt.date(2025, 1, 1), 365)
    ok = Station.objects.create(code="Y1", name="全年站", kind="national", jurisdiction=tree["grid_a"])
    short = Station.objects.create(code="Y2", name="缺测站", kind="national", jurisdiction=tree["grid_b"])
    # Y1: 324 valid days (3 to 4 days missing each month, every month >= 27 (25 in February)); Y2: 323
    lost = {1: 4, 2: 3, 3: 4, 4: 3, 5: 4, 6: 3, 7: 4, 8: 4, 9: 3, 10: 3, 11: 3, 12: 3}
    kept = [d for d in whole if d.day > lost[d.month]]
    assert len(kept) == 324
    put_daily(ok, kept, [20] * 324, [40] * 324)
    put_daily(short, kept[:-1], [20] * 323, [40] * 323)
    rows = _by_code(air.assessment(admin_user, year=2025, period="year", level="station",
                                   today=dt.date(2025, 12, 31)))
    assert rows["Y1"].data_valid is True and rows["Y1"].items["pm25"]["valid"] is True
    assert rows["Y2"].data_valid is False and rows["Y2"].items["pm25"]["valid"] is False
    assert rows["Y1"].capture == pytest.approx(100 * 324 / 365)
    # the same 323 days to date in a year still running: whole months only, December not yet whole
    ytd = _by_code(air.assessment(admin_user, year=2025, period="ytd", level="station", today=dt.date(2025, 12, 30)))
    assert ytd["Y2"].data_valid is True


def test_pages_api_and_export(air_city, admin_user, client_for):
    client = client_for(admin_user)
    page = client.get("/assessment/air/?year=2025&level=station")
    assert page.status_code == 200 and "甲站" in page.content.decode()
    export = client.get("/assessment/air/?year=2025&level=station&export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    api = client.get("/api/assessment/air?year=2025&level=station")
    assert api.status_code == 200
    body = {r["code"]: r for r in api.json()}
    assert body["A1"]["items"]["pm25"]["percentile"] == 96 and body["A1"]["rank_change"] == -1
    assert client.get("/api/assessment/air?year=2025&level=nowhere").status_code == 422
    assert client.get("/api/assessment/air?year=2025&period=week").status_code == 422

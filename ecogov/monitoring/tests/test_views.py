"""Staff pages, public pages and API: rendering, permissions, exports, windows."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_station_list_shows_live_aqi_and_exports_the_same_columns(city_data, officer, client_for):
    c = client_for(officer)
    page = c.get("/monitoring/")
    html = page.content.decode()
    assert page.status_code == 200 and "甲站" in html
    # latest hour of A (2025-06-03 00:00): PM2.5 50 read on the 24-h breakpoints -> IAQI 69
    assert "#FFFF00" in html.upper() and ">69<" in html
    xlsx = c.get("/monitoring/?export=xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in next(ws.iter_rows(max_row=1))]
    assert header[:3] == ["编码", "站点", "类型"] and "AQI" in header
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in rows} == {"A", "B"}


@pytest.mark.parametrize("url", [
    "/monitoring/stations/A/", "/monitoring/report/?year=2025&month=6", "/monitoring/water/?year=2025&month=6",
    "/monitoring/water/W1/", "/monitoring/ingest/", "/monitoring/warnings/",
])
def test_staff_pages_render(city_data, officer, client_for, url):
    assert client_for(officer).get(url).status_code == 200


def test_staff_pages_need_login(city_data):
    assert Client().get("/monitoring/").status_code == 302


@pytest.mark.parametrize("url", ["/public/monitoring/", "/public/monitoring/ranking/?year=2025&month=6",
                                 "/public/monitoring/water/", "/public/monitoring/warning/"])
def test_public_pages_without_login_in_chinese(city_data, url):
    page = Client().get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert any(word in html for word in ("空气质量", "水质", "重污染天气预警"))


def test_public_ranking_figures(city_data):
    html = Client().get("/public/monitoring/ranking/?year=2025&month=6").content.decode()
    # June 2025 has two days of data; district B (PM2.5 30) ranks before district A (PM2.5 50)
    assert html.index("乙区") < html.index("甲区")


def test_api_hourly_window_and_page_size_limits(city_data, officer, client_for):
    c = client_for(officer)
    ok = c.get("/api/monitoring/stations/A/hourly", {"start": "2025-06-01T00:00:00+08:00",
                                                      "end": "2025-06-02T00:00:00+08:00"})
    body = ok.json()
    assert ok.status_code == 200 and body["count"] == 24 and body["items"][0]["aqi"] == 69
    big = c.get("/api/monitoring/stations/A/hourly", {"start": "2025-01-01T00:00:00+08:00",
                                                       "end": "2025-06-02T00:00:00+08:00"})
    assert big.status_code == 422 and big.json()["code"] == "window_too_large"
    huge_page = c.get("/api/monitoring/stations/A/daily", {"start": "2025-06-01", "end": "2025-06-02",
                                                           "page_size": 100000})
    assert huge_page.status_code == 422 and huge_page.json()["code"] == "page_too_large"


def test_api_rollups_and_rankings(city_data, officer, client_for):
    c = client_for(officer)
    r = c.get("/api/monitoring/rollups", {"period": "month", "year": 2025, "number": 6}).json()
    # the city's June 2025: two days, both good (AQI 57 each: PM2.5 mean(50, 30) = 40)
    assert (r["current"]["valid_days"], r["current"]["good_days"], r["current"]["stats"]["pm25"]) == (2, 2, 40)
    ranks = c.get("/api/monitoring/rankings/stations", {"period": "month", "year": 2025, "number": 6}).json()
    assert [(x["code"], x["rank"]) for x in ranks] == [("B", 1), ("A", 2)]
    assert c.get("/api/monitoring/rankings/provinces", {"year": 2025}).status_code == 422


def test_api_latest_is_public_and_other_endpoints_are_not(city_data):
    c = Client()
    latest = c.get("/api/monitoring/latest").json()
    # B: PM2.5 30 on the 24-h breakpoints -> 30/35*50 = 42.9 -> 43 (NO2 1-h 40 -> 20, O3 1-h 100 -> 32)
    assert {x["station"]: x["aqi"] for x in latest} == {"A": 69, "B": 43}
    assert c.get("/api/monitoring/stations").status_code == 401


def test_forecast_form_and_api_and_flags_api(city_data, officer, client_for, tree):
    from ecogov.monitoring.models import AirForecast, QualityFlag, StationDaily

    c = client_for(officer)
    assert c.post("/monitoring/warnings/forecast/", {"date": "2026-01-10", "aqi": "215"}).status_code == 302
    assert c.post("/api/monitoring/forecasts", {"date": "2026-01-11", "aqi": 230},
                  content_type="application/json").status_code == 200
    assert list(AirForecast.objects.values_list("aqi", flat=True)) == [215, 230]
    assert c.post("/api/monitoring/forecasts", {"date": "2026-01-12", "aqi": 900},
                  content_type="application/json").status_code == 422
    resp = c.post("/api/monitoring/stations/A/flags", {"kind": "dust", "start": "2025-06-01T01:00:00+08:00",
                                                       "end": "2025-06-01T10:00:00+08:00"},
                  content_type="application/json")
    assert resp.status_code == 200 and QualityFlag.objects.count() == 1
    # sand and dust removes PM only: 14 valid hours left -> no daily PM2.5, SO2 kept
    day = StationDaily.objects.get(station=city_data["a"], date="2025-06-01")
    assert (day.pm25, day.pm10, day.so2) == (None, None, 10)


def test_public_air_page_city_daily(city_data):
    html = Client().get("/public/monitoring/").content.decode()
    # the city's 2025-06-01 daily AQI: PM2.5 mean(50, 30) = 40 -> 57
    assert "全市日AQI" in html and ">57<" in html

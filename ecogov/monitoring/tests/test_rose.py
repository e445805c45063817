"""Wind ingest (push, MQTT, generic files) and the pollutant rose of exceedances, with figures worked
out by hand from the sector rule and the HJ 633 breakpoints."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django.test import Client

from ecogov.monitoring import services_ingest
from ecogov.monitoring.ingest import mqtt
from ecogov.monitoring.models import Reading, WindReading
from ecogov.monitoring.rose import SECTORS, exceeding, pollutant_rose, rose_counts, sector_of
from ecogov.monitoring.services_ingest import station_issue_api_key

TZ = ZoneInfo("Asia/Shanghai")
NAN = np.nan


def test_sectors_are_centred_on_the_sixteen_points():
    # N covers [348.75, 11.25): 22.5° sectors centred on 0, 22.5, 45, ...
    degrees = np.array([0, 11.24, 11.25, 22.5, 45, 90, 180, 225, 348.74, 348.75, 359.9, 360, -22.5])
    names = [SECTORS[k] for k in sector_of(degrees)]
    assert names == ["N", "N", "NNE", "NNE", "NE", "E", "S", "SW", "NNW", "N", "N", "N", "NNW"]


def test_exceedance_follows_the_version_in_force_that_day():
    # PM2.5 on the daily breakpoints. HJ 633-2012: 75 -> IAQI 100; 76 -> 100 + 50/40 x 1 = 101.25 -> 102.
    # HJ 633-2026 (from 2026-03-01): IAQI 100 at 60; 70 -> 100 + 50/55 x 10 = 109.1 -> 110, while in 2012
    # 70 -> 50 + 50/40 x 35 = 93.75 -> 94.
    values = np.array([[75, 76, 70, 60, 61] + [NAN] * 19, [75, 76, 70, 60, 61] + [NAN] * 19])
    out = exceeding(values, [dt.date(2026, 2, 28), dt.date(2026, 3, 1)], "pm25")
    assert out[0, :5].tolist() == [False, True, False, False, False]
    assert out[1, :5].tolist() == [True, True, True, False, True]
    assert not out[:, 5:].any()


def test_rose_counts_by_hand():
    values = np.array([40, 90, 50, 80, 30, NAN, 70, 20])
    exceed = np.array([False, True, False, True, False, False, True, False])
    direction = np.array([225, 230, 0, 350, 90, 225, NAN, NAN])
    speed = np.array([2.0, 1.5, 3.0, 0.2, 1.0, 2.0, 0.1, 2.0])
    sectors, calm = rose_counts(values, exceed, direction, speed)
    by_name = {s["name"]: s for s in sectors}
    # 225 and 230 -> SW (two hours, one exceeding, mean 65); 0 -> N; 90 -> E; 350 at 0.2 m/s -> calm;
    # the NaN value is not counted; no direction at 0.1 m/s -> calm; no direction at 2.0 m/s -> not counted
    assert by_name["SW"] == {"name": "SW", "hours": 2, "exceed": 1, "mean": 65.0}
    assert (by_name["N"]["hours"], by_name["E"]["hours"], by_name["NNW"]["hours"]) == (1, 1, 0)
    assert by_name["S"] == {"name": "S", "hours": 0, "exceed": 0, "mean": None}
    assert calm == {"hours": 2, "exceed": 2}
    assert sum(s["hours"] for s in sectors) == 4


def _hour(h: int) -> dt.datetime:
    return dt.datetime(2025, 6, 1, tzinfo=TZ) + dt.timedelta(hours=h)  # as in conftest's ``windy``


@pytest.mark.django_db
def test_push_stores_wind_refuses_bad_values_and_is_idempotent(micro, admin_user):
    key = station_issue_api_key(station=micro, actor=admin_user)

    def push(readings):
        return Client().post("/api/monitoring/push", data=json.dumps({"readings": readings}),
                             content_type="application/json", headers={"X-Station-Key": key}).json()

    readings = [{"time": "2025-06-01T01:00:00+08:00", "pm25": 80, "wd": 360, "ws": 1.5},
                {"time": "2025-06-01T02:00:00+08:00", "pm25": 30, "wind_direction": 400, "wind_speed": "2.0"},
                {"time": "2025-06-01T03:00:00+08:00", "pm25": 20}]
    body = push(readings)
    assert body["created"] == 3
    assert body["results"][1]["invalid"] == {"wd": "wind direction 400 outside 0-360 degrees"}
    winds = list(WindReading.objects.order_by("time").values_list("time", "direction", "speed"))
    assert winds == [(_hour(1), 0.0, 1.5), (_hour(2), None, 2.0)]  # 360° is north, stored as 0
    stamps = list(WindReading.objects.order_by("time").values_list("ingested", flat=True))
    assert [r["status"] for r in push(readings)["results"]] == ["unchanged"] * 3
    assert list(WindReading.objects.order_by("time").values_list("ingested", flat=True)) == stamps  # not rewritten
    push([{"time": "2025-06-01T01:00:00+08:00", "wd": 90}])  # a corrected direction replaces the stored one
    assert WindReading.objects.get(time=_hour(1)).direction == 90


@pytest.mark.django_db
def test_mqtt_payload_and_generic_file_carry_wind(micro, tmp_path):
    row, _ = mqtt.parse_message("ecogov/air/MS01/hourly", b'{"time": "2025-06-01T01:00:00", "PM2.5": 3, "WD": 90, '
                                b'"ws": 1.2}', 1)
    assert row.wind == {"wd": 90, "ws": 1.2}
    path = tmp_path / "air.csv"
    path.write_text("站点编码,监测时间,PM2.5,风向,风速\nMS01,2025-06-01 01:00,35,200,2.5\n", encoding="utf-8")
    out = services_ingest.readings_ingest_file(path=str(path), mapping={}, time_format="%Y-%m-%d %H:%M")
    assert out.created == 1
    assert WindReading.objects.get().direction == 200


@pytest.mark.django_db
def test_pollutant_rose_of_a_hand_made_day(windy):
    rose = pollutant_rose(windy, dt.date(2025, 6, 1), dt.date(2025, 6, 1), "pm25")
    sectors = {s["name"]: s for s in rose.sectors}
    # HJ 633-2012 on 2025-06-01: PM2.5 above 75 exceeds, i.e. h >= 36: none of hours 1-24 (41..64)
    assert sectors["SW"] == {"name": "SW", "hours": 12, "exceed": 0, "mean": 46.5}  # 41..52
    assert sectors["N"] == {"name": "N", "hours": 8, "exceed": 0, "mean": 56.5}  # 53..60
    assert (rose.calm, rose.hours, rose.without_wind) == ({"hours": 2, "exceed": 0}, 22, 2)
    Reading.objects.filter(time=_hour(5)).update(pm25=120)  # one SW hour at 120: IAQI 150 + 50/35 x 5 = 157.1 -> 158 > 100
    assert {s["name"]: s for s in pollutant_rose(windy, dt.date(2025, 6, 1), dt.date(2025, 6, 1)).sectors}[
        "SW"]["exceed"] == 1


@pytest.mark.django_db
def test_rose_api_and_station_page(windy, officer, client_for):
    client = client_for(officer)
    resp = client.get("/api/monitoring/stations/MS01/rose", {"start": "2025-06-01", "end": "2025-06-01"})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["pollutant"], body["hours"], body["calm"]["hours"]) == ("pm25", 22, 2)
    assert [s["name"] for s in body["sectors"]] == list(SECTORS)
    too_long = client.get("/api/monitoring/stations/MS01/rose", {"start": "2024-01-01", "end": "2025-06-01"})
    assert too_long.status_code == 422 and too_long.json()["code"] == "window_too_large"
    assert client.get("/api/monitoring/stations/MS01/rose", {"start": "2025-06-01", "end": "2025-06-01",
                                                             "pollutant": "pm1"}).status_code == 422
    html = client.get("/monitoring/stations/MS01/").content.decode()
    assert 'id="rose"' in html and 'href="?rose=pm25#rose-card" class="active"' in html
    html = client.get("/monitoring/stations/MS01/?rose=o3").content.decode()  # no O3 values: no chart
    assert 'id="rose"' not in html and 'href="?rose=o3#rose-card" class="active"' in html

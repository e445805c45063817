"""Generic file, HTTP push and MQTT adapters: good and bad input, idempotence.
MQTT runs against the real Mosquitto on 127.0.0.1:1883."""

from __future__ import annotations

import datetime as dt
import json
import threading
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from openpyxl import Workbook

from ecogov.monitoring import services_ingest
from ecogov.monitoring.ingest import mqtt
from ecogov.monitoring.models import IngestBatch, Reading, WaterSample, WaterSection
from ecogov.monitoring.services_ingest import station_issue_api_key

TZ = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture
def key(micro, admin_user):
    return station_issue_api_key(station=micro, actor=admin_user)


AIR_CSV = """站点编码,监测时间,PM2.5,PM10,CO,CO_unit,NO2
MS01,2025-03-01 10:00,35,60,800,ug/m3,20
MS01,2025-03-01 11:00,36,61,0.9,mg/m3,21
XX99,2025-03-01 11:00,36,61,0.9,mg/m3,21
MS01,2025-03-01 12:00,37,62,0.9,ppm,22
MS01,2025-03-01 11:00,36,61,0.9,mg/m3,21
"""


def test_generic_air_csv_with_mapping_and_units(micro, tmp_path):
    path = tmp_path / "air.csv"
    path.write_text(AIR_CSV, encoding="utf-8")
    mapping = {"CO_unit": "co_unit"}
    out = services_ingest.readings_ingest_file(path=str(path), mapping=mapping, time_format="%Y-%m-%d %H:%M")
    assert (out.total, out.created, out.rejected, out.invalid_items) == (5, 3, 2, 1)
    reasons = [e["reason"] for e in out.errors]
    assert any("unknown station XX99" in r for r in reasons)
    assert any("duplicate" in r for r in reasons)
    assert any("unit 'ppm' not accepted" in r for r in reasons)
    first = Reading.objects.get(station=micro, time=dt.datetime(2025, 3, 1, 10, tzinfo=TZ))
    assert (first.pm25, first.co) == (35, 0.8)  # 800 µg/m³ -> 0.8 mg/m³
    again = services_ingest.readings_ingest_file(path=str(path), mapping=mapping, time_format="%Y-%m-%d %H:%M")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_generic_water_xlsx(tree, tmp_path):
    WaterSection.objects.create(code="W1", name="断面一", level="national", water_body_kind="river", river="清河",
                                target_class=3, jurisdiction=tree["district_a"])
    wb = Workbook()
    ws = wb.active
    ws.append(["断面编码", "采样日期", "pH", "溶解氧", "高锰酸盐指数", "氨氮", "总磷"])
    ws.append(["W1", "2025-05-10", 7.5, 6.8, 3.1, 0.4, 0.08])
    ws.append(["W9", "2025-05-10", 7.5, 6.8, 3.1, 0.4, 0.08])
    ws.append(["W1", "2025-06-10", 7.5, -1, 3.1, 0.4, 0.08])
    ws.append(["W1", "not a date", 7.5, 6, 3.1, 0.4, 0.08])
    path = tmp_path / "water.xlsx"
    wb.save(path)
    out = services_ingest.water_samples_ingest_file(path=str(path), mapping={})
    assert (out.total, out.created, out.rejected, out.invalid_items) == (4, 2, 2, 1)
    may = WaterSample.objects.get(section__code="W1", date=dt.date(2025, 5, 10))
    assert may.values == {"ph": 7.5, "do": 6.8, "codmn": 3.1, "nh3n": 0.4, "tp": 0.08}
    assert "do" not in WaterSample.objects.get(date=dt.date(2025, 6, 10)).values
    again = services_ingest.water_samples_ingest_file(path=str(path), mapping={})
    assert (again.created, again.unchanged) == (0, 2)
    assert IngestBatch.objects.filter(source="water-file").count() == 2


def _push(key, readings):
    return Client().post("/api/monitoring/push", data=json.dumps({"readings": readings}),
                         content_type="application/json", headers={"X-Station-Key": key})


def test_push_api_per_row_results_and_idempotence(micro, key):
    readings = [
        {"time": "2025-03-01T10:00:00+08:00", "pm25": 35, "pm10": 60, "co": 0.7},
        {"time": "2025-03-01T11:00:00", "pm2_5": 36, "o3": -3},
        {"time": "2025-03-01T11:30:00", "pm25": 36},
        {"time": "2025-03-01T12:00:00", "station": "OTHER", "pm25": 36},
    ]
    resp = _push(key, readings)
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["total"], body["created"], body["rejected"]) == (4, 2, 2)
    by_row = {r["row"]: r for r in body["results"]}
    assert by_row[1]["status"] == "created"
    assert by_row[2]["status"] == "created" and "negative" in by_row[2]["invalid"]["o3"]
    assert by_row[3]["status"] == "rejected" and "not on the hour" in by_row[3]["reason"]
    assert by_row[4]["status"] == "rejected" and "not allowed" in by_row[4]["reason"]
    again = _push(key, readings[:2]).json()
    assert [r["status"] for r in again["results"]] == ["unchanged", "unchanged"]
    changed = _push(key, [{"time": "2025-03-01T10:00:00+08:00", "pm25": 40}]).json()
    assert changed["results"][0]["status"] == "updated"
    r = Reading.objects.get(station=micro, time=dt.datetime(2025, 3, 1, 10, tzinfo=TZ))
    assert (r.pm25, r.pm10, r.co) == (40, 60, 0.7)  # only the pushed field changed


def test_push_api_refuses_bad_key_and_too_large_batch(micro, key):
    assert _push("wrong", [{"time": "2025-03-01T10:00:00"}]).status_code == 401
    resp = _push(key, [{"time": "2025-03-01T10:00:00"}] * 5001)
    assert resp.status_code == 413 and resp.json()["code"] == "batch_too_large"


def test_mqtt_subscriber_against_the_real_broker(micro, key):
    import paho.mqtt.client as paho

    ready = threading.Event()
    good = {"key": key, "time": "2025-03-01T10:00:00+08:00", "pm25": 41, "pm10": 70}
    bad_key = {"key": "bad", "time": "2025-03-01T11:00:00+08:00", "pm25": 1}

    def publish():
        assert ready.wait(5), "subscriber did not subscribe"
        pub = paho.Client(paho.CallbackAPIVersion.VERSION2)
        pub.connect("127.0.0.1", 1883)
        pub.loop_start()
        for payload in (json.dumps(good), json.dumps(good), json.dumps(bad_key), "not json"):
            pub.publish("ecogov/air/MS01/hourly", payload, qos=1).wait_for_publish(3)
        pub.loop_stop()
        pub.disconnect()

    thread = threading.Thread(target=publish)
    thread.start()
    # the subscriber ingests in this thread (this test's database connection)
    n = services_ingest.readings_subscribe_mqtt(url="mqtt://127.0.0.1:1883", seconds=3, ready=ready)
    thread.join(5)
    assert n == 4
    r = Reading.objects.get(station=micro)
    assert (r.pm25, r.pm10, r.source) == (41, 70, "mqtt")
    batches = list(IngestBatch.objects.filter(source="mqtt"))
    reasons = sorted(e["reason"] for b in batches for e in b.errors)
    # the repeated message is superseded by the later one of its station-hour (not refused as a duplicate);
    # refused: the bad key, the bad payload
    assert sum(b.rows_rejected for b in batches) == 2
    assert any("bad or missing key" in r for r in reasons) and any("JSON" in r for r in reasons)
    assert not any("duplicate" in r for r in reasons)


def test_mqtt_batch_keeps_the_last_message_of_each_station_hour():
    """A micro station sends its running hour every minute: in one batch, the last message of a topic, hour
    and key is the value; a message under another key, or without a readable time, is kept for the checks."""
    def msg(code, when, pm25, key="k"):
        return (f"ecogov/air/{code}/hourly", json.dumps({"key": key, "time": when, "pm25": pm25}).encode())

    ten, eleven = "2025-03-01T10:00:00+08:00", "2025-03-01T11:00:00+08:00"
    batch = [msg("A", ten, 1), msg("B", ten, 2), msg("A", ten, 3), msg("A", eleven, 4), msg("A", ten, 5, key="x"),
             ("ecogov/air/A/hourly", b"not json"), msg("A", ten, 6)]
    kept = mqtt.latest_per_topic_hour(batch)
    assert [json.loads(p).get("pm25") if p != b"not json" else None for _, p in kept] == [2, 4, 5, None, 6]


def test_mqtt_parse_message_topic_and_payload():
    row, key = mqtt.parse_message("ecogov/air/MS07/hourly", b'{"key": "k", "time": "2025-01-01T01:00:00", "PM2.5": 3}', 1)
    assert (row.station, key, row.values) == ("MS07", "k", {"pm25": 3})


def test_upload_page_and_api(micro, officer, client_for, tree, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(officer)
    assert c.get("/monitoring/ingest/upload/").status_code == 200
    f = SimpleUploadedFile("air.csv", AIR_CSV.encode(), content_type="text/csv")
    resp = c.post("/monitoring/ingest/upload/", {"kind": "air", "mapping": '{"CO_unit": "co_unit"}',
                                                 "time_format": "%Y-%m-%d %H:%M", "file": f})
    batch = IngestBatch.objects.get(source="file")
    assert resp.status_code == 302 and resp.url.endswith(f"/ingest/{batch.pk}/")
    assert (batch.rows_created, batch.rows_rejected) == (3, 2)
    f = SimpleUploadedFile("air.csv", AIR_CSV.encode(), content_type="text/csv")
    body = c.post("/api/monitoring/upload", {"kind": "air", "mapping": '{"CO_unit": "co_unit"}',
                                             "time_format": "%Y-%m-%d %H:%M", "file": f}).json()
    assert (body["unchanged"], body["rejected"], len(body["results"])) == (3, 2, 3)
    street = make_user("street", tree["street_a"])
    f = SimpleUploadedFile("air.csv", AIR_CSV.encode(), content_type="text/csv")
    assert client_for(street).post("/api/monitoring/upload", {"file": f}).status_code == 403

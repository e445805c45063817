"""``ecogov aqi``: the CSV logic (no database) and the management command."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from ecogov.monitoring.aqi_csv import process_csv

HOURLY = (
    "station,so2_1h,no2_1h,co_1h,o3_1h,pm10_1h,pm25_1h\n"
    "1001A,15,46,1.7,24,73,45\n"  # CNEMC 2022-01-04T12 published 63, PM2.5
    "1012A,8,36,1.2,,63,36\n"  # O3 missing: 2012 practice publishes no AQI
    "bad,abc,1,1,1,1,1\n"
    "1006A,15,39,1.4,25,64,40\n"  # published 57, PM10 and PM2.5 tie
)
DAILY = (
    "date,so2_24h,no2_24h,co_24h,o3_1h,o3_8h,pm10_24h,pm25_24h\n"
    "2026-02-28,10,20,0.5,80,60,150,75\n"  # 2012: PM10 150, PM2.5 75 both IAQI 100; O3 1-h 80 -> 25
    "2026-03-01,10,20,0.5,80,60,150,75\n"  # 2026 rules: PM2.5 75 -> 114, PM10 150 -> 112
)


def _run(text, **kwargs):
    out = io.StringIO()
    result = process_csv(io.StringIO(text), out, **kwargs)
    return result, list(csv.DictReader(io.StringIO(out.getvalue())))


def test_hourly_rows_errors_and_pass_through():
    result, rows = _run(HOURLY, report="hourly", version="2012")
    assert [r["station"] for r in rows] == ["1001A", "1012A", "bad", "1006A"]  # nothing dropped
    assert (rows[0]["aqi"], rows[0]["primary"], rows[0]["level"], rows[0]["category"]) == (
        "63",
        "PM2.5",
        "2",
        "良",
    )
    assert rows[0]["iaqi_pm10_1h"] == "62" and rows[0]["iaqi_o3_1h"] == "8"
    assert rows[1]["aqi"] == "" and rows[1]["iaqi_pm10_1h"] == "57"
    assert rows[2]["aqi"] == "" and rows[2]["so2_1h"] == "abc"
    assert rows[3]["primary"] == "PM10,PM2.5"
    assert [e.line for e in result.errors] == [4]
    assert "so2_1h" in result.errors[0].message and "不是数值" in result.errors[0].message


def test_daily_version_by_date_column_or_forced():
    _, rows = _run(DAILY, report="daily")
    assert [(r["aqi"], r["primary"]) for r in rows] == [("100", "PM10,PM2.5"), ("114", "PM2.5")]
    assert rows[0]["iaqi_o3_1h"] == "25" and rows[1]["iaqi_o3_1h"] == ""  # no O3 1-h in the 2026 daily report
    _, rows = _run(DAILY, report="daily", version="2012")
    assert [r["aqi"] for r in rows] == ["100", "100"]


def test_negative_and_short_rows_are_bad():
    text = "so2_1h,no2_1h,co_1h,o3_1h,pm10_1h,pm25_1h\n-1,1,1,1,1,1\n1,1,1,1,1,1,99\n"
    result, rows = _run(text, report="hourly")
    assert [e.line for e in result.errors] == [2, 3] and len(rows) == 2


def test_command_writes_file_and_fails_on_bad_rows(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(HOURLY, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("aqi", "--report", "hourly", "--version", "2012", str(src), str(dst), stderr=err)
    assert exc.value.returncode == 1
    assert "line 4" in err.getvalue()
    rows = list(csv.DictReader(dst.open(encoding="utf-8")))
    assert len(rows) == 4 and rows[0]["aqi"] == "63"


def test_command_success_and_header_error(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(DAILY, encoding="utf-8")
    out = io.StringIO()
    call_command("aqi", "--report", "daily", str(src), str(dst), stdout=out)
    assert "2 rows" in out.getvalue()
    with pytest.raises(CommandError) as exc:
        call_command("aqi", "--report", "hourly", str(src), str(dst))
    assert exc.value.returncode == 2

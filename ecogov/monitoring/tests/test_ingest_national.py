"""National publication adapter: both layouts, idempotence, kill-and-rerun, bad rows,
and the published-AQI check on the shared real samples."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from ecogov.monitoring.check import published_aqi_check
from ecogov.monitoring.models import IngestBatch, Reading, Station
from ecogov.monitoring.services_ingest import readings_ingest_national

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
HOURLY = DATA / "national_hourly_sample_2022-01-04T12.csv"
DAYFILE = DATA / "national_dayfile_2019-01-01.csv"
STATIONS = DATA / "national_station_list_2020.csv"
TZ = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(
        Reading.objects.values_list(
            "station__code", "time", "so2", "no2", "co", "o3", "pm10", "pm25", "published_aqi", "published_primary"
        )
    )


def _small_dayfile(tmp_path, n_stations=40) -> Path:
    """The real 2019-01-01 day file cut to its first ``n_stations`` station columns."""
    out = tmp_path / "national_dayfile_2019-01-01.csv"
    with open(DAYFILE, encoding="utf-8") as src, open(out, "w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst)
        for rec in csv.reader(src):
            writer.writerow(rec[: 3 + n_stations])
    return out


def test_hourly_sample_every_published_aqi_agrees():
    with open(HOURLY, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    n_published = sum(1 for r in rows if r["aqi"].strip())
    outcome = readings_ingest_national(path=str(HOURLY))
    assert (outcome.total, outcome.created, outcome.rejected) == (len(rows), len(rows), 0)
    assert outcome.stations_created == len({r["stationcode"] for r in rows})
    result = published_aqi_check()
    assert result.published == n_published
    assert result.agree == n_published, result.differ[:3]
    assert result.differ == [] and result.primary_differ == []


def test_hourly_layout_maps_the_mislabelled_ozone_column_and_station_metadata():
    readings_ingest_national(path=str(HOURLY))
    station = Station.objects.get(code="1001A")
    assert (station.name, station.area, station.lon, station.lat) == ("万寿西宫", "北京市", 116.3621, 39.8784)
    r = Reading.objects.get(station=station)
    # file row: o3=50 (24-h max), o3_24h=24 (the latest 1-hour value), pm2_5=45, co=1.7
    assert (r.o3, r.pm25, r.pm10, r.co, r.no2, r.so2) == (24, 45, 73, 1.7, 46, 15)
    assert r.time == dt.datetime(2022, 1, 4, 12, tzinfo=TZ)
    assert (r.published_aqi, r.published_primary) == (63, "PM2.5")
    tie = Reading.objects.get(station__code="1006A")
    assert tie.published_primary == "PM10,PM2.5"


def test_reingest_changes_nothing():
    readings_ingest_national(path=str(HOURLY))
    before = _snapshot()
    again = readings_ingest_national(path=str(HOURLY))
    assert (again.created, again.updated, again.unchanged) == (0, 0, again.total)
    assert _snapshot() == before
    assert IngestBatch.objects.filter(status="done").count() == 2


def test_dayfile_layout_with_station_list(tmp_path):
    path = _small_dayfile(tmp_path)
    outcome = readings_ingest_national(path=str(path), station_list=str(STATIONS))
    assert outcome.rejected == 0
    assert Station.objects.get(code="1001A").name == "万寿西宫"
    # hour 0 of 2019-01-01 is the hour 23:00-24:00 of 2018-12-31, stored at its end
    first = Reading.objects.filter(station__code="1001A").order_by("time").first()
    assert first.time == dt.datetime(2019, 1, 1, 0, tzinfo=TZ)
    assert (first.published_aqi, first.pm25) == (73, 53)  # AQI and PM2.5 rows of hour 0, column 1001A
    result = published_aqi_check()
    assert result.published > 500
    assert result.differ == [], result.differ[:3]


def test_kill_mid_file_then_rerun_gives_the_clean_result(tmp_path):
    path = _small_dayfile(tmp_path, 30)
    with pytest.raises(RuntimeError):
        readings_ingest_national(path=str(path), batch_size=100, fail_after=250)
    partial = Reading.objects.count()
    assert 0 < partial < 300
    assert IngestBatch.objects.get().status == "failed"
    readings_ingest_national(path=str(path), batch_size=100)
    rerun = _snapshot()
    Reading.objects.all().delete()
    readings_ingest_national(path=str(path), batch_size=100)
    assert rerun == _snapshot()
    assert len(rerun) > partial


BAD = """timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h
2022-01-04T12:00:00,9001A,116.1,39.1,测试市,好站,,40,30,,20,,,40,,,20,,5,,0.5,
2022-01-04T12:00:00,9001A,116.1,39.1,测试市,好站,,41,30,,20,,,40,,,20,,5,,0.5,
2022-13-04T12:00:00,9002A,116.1,39.1,测试市,坏时间,,40,30,,20,,,40,,,20,,5,,0.5,
2022-01-04T12:30:00,9002A,116.1,39.1,测试市,半点,,40,30,,20,,,40,,,20,,5,,0.5,
2022-01-04T12:00:00,9003A,116.1,39.1,测试市,负值,,,30,,-4,,,40,,,20,,5,,0.5,
2022-01-04T12:00:00,9004A,116.1,39.1,测试市,单位错,,,30,,20,,,40,,,20,,5,,800,
2022-01-04T12:00:00,9005A,116.1,39.1,测试市,非数字,,,30,,abc,,,40,,,20,,5,,0.5,
2022-01-04T12:00:00,,116.1,39.1,测试市,无编码,,,30,,20,,,40,,,20,,5,,0.5,
2022-01-04T12:00:00,9006A,116.1,39.1,测试市,AQI错,,900,30,,20,,,40,,,20,,5,,0.5,
"""


def test_bad_rows_are_reported_with_reasons(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    outcome = readings_ingest_national(path=str(path))
    assert outcome.total == 9
    assert outcome.rejected == 5  # duplicate, bad date, not on the hour, missing code, AQI 900
    assert outcome.created == 4
    assert outcome.invalid_items == 3  # negative PM2.5, CO 800 mg/m³, "abc"
    reasons = {(e["row"], e["field"]): e["reason"] for e in outcome.errors}
    assert "duplicate" in reasons[(3, "time")]
    assert "bad timestamp" in reasons[(4, "time")]
    assert "not on the hour" in reasons[(5, "time")]
    assert "negative" in reasons[(6, "pm25")]
    assert "wrong unit" in reasons[(7, "co")]
    assert "not a number" in reasons[(8, "pm25")]
    assert "missing station" in reasons[(9, "station")]
    assert "out of range" in reasons[(10, "aqi")]
    r = Reading.objects.get(station__code="9003A")
    assert r.pm25 is None and "negative" in r.invalid["pm25"]
    batch = IngestBatch.objects.get()
    assert (batch.rows_rejected, batch.items_invalid, len(batch.errors)) == (5, 3, 8)


def test_commands_ingest_and_check_published(capsys):
    call_command("ingest", "national", "--no-progress", str(HOURLY))
    call_command("monitoring", "check-published")
    lines = capsys.readouterr().out.strip().splitlines()
    assert "created: 151" in lines[0]
    with open(HOURLY, encoding="utf-8") as fh:
        n = sum(1 for r in csv.DictReader(fh) if r["aqi"].strip())
    assert lines[-1] == f"published: {n}, agree: {n}, differ: 0"


def test_city_comparison_from_the_national_publication(tmp_path, tree):
    from ecogov.monitoring.selectors import city_comparison
    from ecogov.monitoring.services_ingest import daily_after_ingest

    path = _small_dayfile(tmp_path, 12)  # 1001A..1012A: Beijing stations of the 2019-01-01 day file
    out = readings_ingest_national(path=str(path), station_list=str(STATIONS))
    assert daily_after_ingest(out) > 0
    rows = city_comparison(tree["city"], dt.date(2019, 1, 1), dt.date(2019, 1, 1))
    beijing = next(r for r in rows if r["name"] == "北京")
    assert beijing["stats"].valid_days == 1 and beijing["stats"].daily["aqi"][0] > 0


def _invalid_snapshot():
    return sorted(Reading.objects.values_list("station__code", "invalid"))


def test_columnar_fast_path_equals_the_row_path(tmp_path):
    text = HOURLY.read_text(encoding="utf-8").splitlines()
    # one negative PM2.5 and one CO in µg/m³: stored as NULL with reasons on both paths
    text[1] = text[1].replace(",45,28,", ",-45,28,")
    text[2] = text[2].replace(",0.7,0.3", ",700,0.3")
    path = tmp_path / "hourly.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    fast = readings_ingest_national(path=str(path))  # clean enough for the columnar path
    fast_rows, fast_invalid = _snapshot(), _invalid_snapshot()
    assert (fast.created, fast.invalid_items) == (151, 2)
    Reading.objects.all().delete()
    slow = readings_ingest_national(path=str(path), fail_after=10**9)  # fail_after forces the row path
    assert (slow.created, slow.invalid_items) == (151, 2)
    assert _snapshot() == fast_rows and _invalid_snapshot() == fast_invalid
    assert sorted(e["reason"] for e in slow.errors) == sorted(e["reason"] for e in fast.errors)
    # re-ingest through the fast path: unchanged; one corrected value: one update
    assert readings_ingest_national(path=str(path)).unchanged == 151
    text[1] = text[1].replace(",-45,28,", ",45,28,")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    fixed = readings_ingest_national(path=str(path))
    assert (fixed.updated, fixed.unchanged) == (1, 150)
    r = Reading.objects.get(station__code="1001A")
    assert (r.pm25, r.invalid) == (45, {})


def _edited_sample(tmp_path, edit, *, encoding="utf-8", newline="\n") -> Path:
    lines = HOURLY.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "hourly.csv"
    path.write_text(newline.join(edit(lines)) + newline, encoding=encoding, newline="")
    return path


def _quote_name(lines):  # a quoted cell holding the separator
    lines[1] = lines[1].replace(",万寿西宫,", ',"万寿西宫,东",')
    return lines


def _short_line(lines):  # a record with fewer cells than the header: the missing values are missing
    lines[3] = ",".join(lines[3].split(",")[:10])
    return lines


def _long_line(lines):  # a record with more cells than the header: the extra cell is ignored
    lines[4] += ",extra"
    return lines


def _bad_number(lines):  # a non-numeric value cell: the row path stores NULL with its reason
    cells = lines[5].split(",")
    cells[8] = "12a"
    lines[5] = ",".join(cells)
    return lines


def _blank_line(lines):  # skipped by the csv module; the fast path cannot tell it from a row of empty cells
    lines.insert(6, "")
    return lines


def _spaces_and_na(lines):  # NA tokens and padded numbers
    cells = lines[7].split(",")
    cells[8], cells[10], cells[12] = " 17 ", "—", "NA"
    lines[7] = ",".join(cells)
    return lines


@pytest.mark.parametrize("edit, fast", [
    (lambda lines: lines, True), (_quote_name, True), (_short_line, True), (_long_line, False),
    (_bad_number, False), (_blank_line, False), (_spaces_and_na, True),
])
@pytest.mark.parametrize("encoding, newline", [("utf-8", "\n"), ("utf-8-sig", "\r\n")])
def test_fast_path_equals_the_row_path_on_awkward_files(tmp_path, monkeypatch, edit, fast, encoding, newline):
    """Whatever the file, the columnar reader (polars) and the row path (csv module) store the same rows
    with the same counts; the fast path is taken for files it can read exactly, declined otherwise."""
    from ecogov.monitoring import writer

    path = _edited_sample(tmp_path, edit, encoding=encoding, newline=newline)
    taken = []
    real = writer.write_columns
    monkeypatch.setattr(writer, "write_columns", lambda ing, cols: (taken.append(1), real(ing, cols)))
    first = readings_ingest_national(path=str(path))
    assert bool(taken) is fast
    rows, invalid, stations = _snapshot(), _invalid_snapshot(), sorted(Station.objects.values_list("code", "name"))
    assert len(rows) == 151
    Reading.objects.all().delete()
    Station.objects.all().delete()
    slow = readings_ingest_national(path=str(path), fail_after=10**9)  # fail_after forces the row path
    assert _snapshot() == rows and _invalid_snapshot() == invalid
    assert sorted(Station.objects.values_list("code", "name")) == stations
    counts = ("total", "created", "rejected", "invalid_items", "stations_created")
    assert [getattr(first, c) for c in counts] == [getattr(slow, c) for c in counts]


def _day_rows(tmp_path) -> list[list[str]]:
    with open(_small_dayfile(tmp_path, 12), encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _day_values(rows):  # a "-" cell, a negative value, padded and NA cells
    rows[2][3], rows[2][4], rows[6][5], rows[10][6] = "-", "-8", " 12 ", "NA"
    return rows


def _day_gaps(rows):  # one station empty for a whole hour (skipped), one hour without its CO record
    for rec in rows[1:16]:
        rec[7] = ""
    return [r for r in rows if not (r[1] == "3" and r[2] == "CO")]


def _day_blank_and_unknown(rows):  # blank records and records of a type not read are ignored
    return rows[:5] + [[]] + rows[5:9] + [["20190101", "0", "PM1", *["1"] * (len(rows[0]) - 3)]] + rows[9:]


def _day_repeated_type(rows):  # the row path keeps the last of two records of one hour and type
    return rows + [rows[2][:3] + ["99"] * (len(rows[0]) - 3)]


def _day_bad_hour(rows):  # the row path rejects the hour's rows one by one
    return rows + [["20190101", "24", "PM2.5", *["30"] * (len(rows[0]) - 3)]]


@pytest.mark.parametrize("edit, fast", [
    (lambda rows: rows, True), (_day_values, True), (_day_gaps, True), (_day_blank_and_unknown, True),
    (_day_repeated_type, False), (_day_bad_hour, False),
])
def test_dayfile_fast_path_equals_the_row_path(tmp_path, monkeypatch, edit, fast):
    """The day layout reshaped by polars stores exactly what the row path stores, with the same counts
    and line numbers in the reasons; files it cannot read exactly go to the row path."""
    from ecogov.monitoring import writer

    rows = edit(_day_rows(tmp_path))
    path = tmp_path / "day.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    taken = []
    real = writer.write_columns
    monkeypatch.setattr(writer, "write_columns", lambda ing, cols: (taken.append(1), real(ing, cols)))
    first = readings_ingest_national(path=str(path), station_list=str(STATIONS))
    assert bool(taken) is fast
    def invalid_by_hour():
        return sorted((c, t, str(i)) for c, t, i in Reading.objects.values_list("station__code", "time", "invalid"))

    stored, invalid = _snapshot(), invalid_by_hour()
    assert len(stored) > 150
    Reading.objects.all().delete()
    slow = readings_ingest_national(path=str(path), station_list=str(STATIONS), fail_after=10**9)
    assert _snapshot() == stored and invalid_by_hour() == invalid
    counts = ("total", "created", "rejected", "invalid_items")
    assert [getattr(first, c) for c in counts] == [getattr(slow, c) for c in counts]
    assert sorted(map(str, first.errors)) == sorted(map(str, slow.errors))


def test_columnar_kill_mid_file_then_rerun_gives_the_clean_result(tmp_path, monkeypatch):
    """The fast path (staging COPY + one upsert per batch on PostgreSQL) crashes in its third batch of 50:
    the first two batches stay, and a re-run gives exactly the rows of a clean run."""
    from ecogov.monitoring import writer

    path = tmp_path / "hourly.csv"
    path.write_text(HOURLY.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(writer, "BATCH", 50)
    name = "_batch_pg" if writer.connection.vendor == "postgresql" else "_batch"
    real, calls = getattr(writer, name), []

    def crashing(*args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("killed")
        return real(*args)

    monkeypatch.setattr(writer, name, crashing)
    with pytest.raises(RuntimeError):
        readings_ingest_national(path=str(path), batch_size=50)
    assert Reading.objects.count() == 100 and IngestBatch.objects.get().status == "failed"
    monkeypatch.setattr(writer, name, real)
    rerun = readings_ingest_national(path=str(path), batch_size=50)
    assert (rerun.created, rerun.unchanged, rerun.updated) == (51, 100, 0)
    snapshot = _snapshot()
    Reading.objects.all().delete()
    readings_ingest_national(path=str(path), batch_size=50)
    assert _snapshot() == snapshot and len(snapshot) == 151


def test_columnar_path_keeps_text_cells_with_copy_special_characters(tmp_path):
    """Backslash and tab-like text in the primary pollutant and in invalid-value reasons survive COPY."""
    lines = HOURLY.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("primarypollutant")] = "PM2.5\\t"  # a literal backslash and t
    cells[header.index("pm2_5")] = "-7"
    path = tmp_path / "hourly.csv"
    path.write_text("\n".join([lines[0], ",".join(cells)]) + "\n", encoding="utf-8")
    out = readings_ingest_national(path=str(path))
    assert (out.created, out.invalid_items) == (1, 1)
    r = Reading.objects.get()
    assert r.published_primary == "PM2.5\\t" and r.invalid == {"pm25": "negative value -7"} and r.pm25 is None
    assert readings_ingest_national(path=str(path)).unchanged == 1


def test_deleting_a_batch_keeps_its_readings():
    """``Reading.batch`` has no database FK (ingest speed); Django's collector still sets it to NULL."""
    readings_ingest_national(path=str(HOURLY))
    IngestBatch.objects.get().delete()
    assert Reading.objects.count() == 151 and not Reading.objects.filter(batch__isnull=False).exists()


def test_new_hours_with_one_stored_station_hour_in_the_middle(tmp_path):
    """The direct-COPY path for new hours meets an existing station-hour mid-batch: it falls back to
    the upsert, and the counts and rows are exactly those of a clean run."""
    readings_ingest_national(path=str(HOURLY))
    clean = _snapshot()
    middle = Reading.objects.order_by("station__code")[75]
    Reading.objects.exclude(pk=middle.pk).delete()
    Reading.objects.filter(pk=middle.pk).update(pm25=999)  # a stale value to be corrected
    outcome = readings_ingest_national(path=str(HOURLY))
    assert (outcome.created, outcome.updated, outcome.unchanged) == (150, 1, 0)
    assert _snapshot() == clean


def test_row_path_batches_of_many_stations_compare_only_their_own_station_hours(tmp_path):
    """Over 200 stations in one batch, stored rows are looked up by station-id range: rows of stations in
    the range that the batch does not hold, or of other hours, must not count as compared."""
    header = "timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm2_5,o3_24h,no2,so2,co"

    def write(hours, pm25, *, even_only_at=None):
        lines = [header] + [f"2022-01-04T{h:02d}:00:00,{3001 + s}A,116.1,39.9,测试市,站{s},,,{s % 90},{pm25(s)},20,30,5,0.5"
                            for h in hours for s in range(0, 300, 2 if h == even_only_at else 1)]
        path = tmp_path / "many.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    first = readings_ingest_national(path=str(write([9, 10, 11], lambda s: 40, even_only_at=10)), fail_after=10**9)
    assert (first.created, first.rejected) == (750, 0)
    # hour 10 again, now for every station: the 150 odd stations are new, one even station changes
    again = readings_ingest_national(path=str(write([10], lambda s: 41 if s == 4 else 40)), fail_after=10**9)
    assert (again.total, again.created, again.updated, again.unchanged) == (300, 150, 1, 149)
    assert Reading.objects.get(station__code="3005A", time=dt.datetime(2022, 1, 4, 10, tzinfo=TZ)).pm25 == 41
    assert Reading.objects.count() == 900


def test_reingest_compares_invalid_reasons_by_value_not_by_json_text(tmp_path):
    """The SQLite fast path compares stored rows as stored text; a reason written by another writer
    (Django's JSONField escapes non-ASCII: ``m\\u00b3``) is the same value and must count as unchanged."""
    text = HOURLY.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace(",0.7,0.3", ",700,0.3")  # CO 700: "implausible value 700 (wrong unit? CO is mg/m³)"
    path = tmp_path / "hourly.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    readings_ingest_national(path=str(path))
    r = Reading.objects.get(invalid__has_key="co")
    r.save(update_fields=["invalid"])  # rewritten by the ORM, as JSON text with \u00b3
    again = readings_ingest_national(path=str(path))
    assert (again.unchanged, again.updated) == (151, 0)
    assert Reading.objects.get(pk=r.pk).invalid == {"co": "implausible value 700 (wrong unit? CO is mg/m³)"}

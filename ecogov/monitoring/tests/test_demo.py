"""The monitoring demo (shortened to a few days) and the monitoring commands."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from ecogov.core import demo as core_demo
from ecogov.monitoring import demo
from ecogov.monitoring.models import (
    AirForecast,
    DrinkingWaterSource,
    PollutionWarning,
    Reading,
    Station,
    StationDaily,
    WaterSample,
    WaterSection,
)
from ecogov.monitoring.services_ingest import station_for_key


def test_demo_shape(db, monkeypatch, capsys):
    monkeypatch.setattr(demo, "DAYS", 5)
    ctx = core_demo.DemoContext(seed=1, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    kinds = {k: Station.objects.filter(kind=k).count() for k in ("national", "provincial", "micro")}
    assert kinds == {"national": 2, "provincial": 4, "micro": 32}
    assert Station.objects.filter(is_evaluation=True).count() == 6
    assert WaterSection.objects.filter(water_body_kind="river").count() == 17
    assert WaterSection.objects.exclude(water_body_kind="river").count() == 3
    assert DrinkingWaterSource.objects.count() == 5
    assert WaterSample.objects.count() == (20 + 5) * 12
    n = Reading.objects.count()
    assert 38 * 5 * 24 * 0.5 < n < 38 * 5 * 24  # scattered gaps and a few outages of 6-30 hours
    assert 30 <= StationDaily.objects.filter(date=dt.date(2026, 11, 20)).count() <= 38  # outages may empty a day
    assert PollutionWarning.objects.get().status == "issued"
    call_command("monitoring", "station-key", "MS001", "--username", "admin")
    key = capsys.readouterr().out.strip()
    assert station_for_key(key).code == "MS001"


def test_demo_previous_year_gives_year_on_year_figures(db, monkeypatch, client):
    """20 days of hours (2026-11-01..20) and the same 20 days of 2025 as daily values only.

    Both years share the weather sequence; 2025 has PM2.5 x 1.075 (demo.PREVIOUS_PM25), so the city
    PM2.5 falls by about 1 - 1/1.075 = 7 % year on year, give or take the stations' own noise.
    """
    from ecogov.core.models import User
    from ecogov.monitoring import selectors
    from ecogov.monitoring.rollups import year_on_year

    monkeypatch.setattr(demo, "DAYS", 20)
    ctx = core_demo.DemoContext(seed=1, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    prev = StationDaily.objects.filter(date__lt=dt.date(2026, 11, 1))
    assert prev.filter(date__lt=dt.date(2025, 11, 1)).count() == 0
    assert prev.filter(date__gt=dt.date(2025, 11, 20)).count() == 0
    assert 38 * 20 * 0.9 <= prev.count() <= 38 * 20  # daily values only: no hourly rows for 2025
    assert Reading.objects.filter(time__date__lt=dt.date(2026, 10, 31)).count() == 0

    city = ctx.data["jurisdictions"]["city"][0]
    yoy = year_on_year(selectors.evaluation_station_ids(city), dt.date(2026, 11, 1), dt.date(2026, 11, 20))
    now, before = yoy["current"], yoy["previous"]
    assert (before.start, before.end) == (dt.date(2025, 11, 1), dt.date(2025, 11, 20))
    assert now.valid_days == before.valid_days == 20
    # the change is the difference of the two rounded means, and the rate is (now - before) / before x 100
    assert yoy["pm25_change"] == round(now.pm25 - before.pm25, 1) < 0
    assert yoy["pm25_change_pct"] == round(100 * (now.pm25 - before.pm25) / before.pm25, 1)
    assert -15 < yoy["pm25_change_pct"] < -2
    assert yoy["composite_change_pct"] < 0

    leader = User.objects.get(username="leader")
    cards = {c["label"]: c for c in selectors.home_cards(leader)}
    assert "同比" in cards["PM2.5 年累计均值"]["note"] and "µg/m³" in cards["PM2.5 年累计均值"]["note"]
    client.force_login(leader)
    html = client.get("/monitoring/report/?year=2026&month=11").content.decode()
    assert "2025-11-01 – 2025-11-20" in html  # the same days of last year, not the whole of November
    assert f"{yoy['pm25_change_pct']}%" in html


@pytest.mark.parametrize("today, first, last", [
    # 30-day steps back from 1 March 2026 met January twice (30 January and 31 December are 30 days
    # apart across a short February): the samples are the 10th of each calendar month instead
    (dt.date(2026, 3, 10), dt.date(2025, 4, 10), dt.date(2026, 3, 10)),
    (dt.date(2026, 11, 20), dt.date(2025, 12, 10), dt.date(2026, 11, 10)),
    (dt.date(2026, 1, 31), dt.date(2025, 2, 10), dt.date(2026, 1, 10)),
])
def test_water_samples_fall_one_in_each_of_twelve_months(today, first, last):
    days = demo.sample_days(today)
    assert len(days) == 12 and days[0] == first and days[-1] == last
    assert len({(d.year, d.month) for d in days}) == 12


def test_demo_water_sections_lie_inside_their_district_and_fill_the_map_layer(db, monkeypatch, client):
    """The 20 sections (17 river, 3 lake) each get a point inside their district's boundary, so the
    water-section layer of the staff map shows 20 features to the leader and the public map the same."""
    from ecogov.core.geo import geojson_contains
    from ecogov.core.models import User

    monkeypatch.setattr(demo, "DAYS", 2)
    ctx = core_demo.DemoContext(seed=1, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    sections = list(WaterSection.objects.select_related("jurisdiction"))
    assert len(sections) == 20
    for s in sections:
        assert s.lon is not None and s.lat is not None, s.code
        assert geojson_contains(s.jurisdiction.boundary, s.lon, s.lat), s.code
    assert len({(s.lon, s.lat) for s in sections}) == 20  # no two sections on one spot
    client.force_login(User.objects.get(username="leader"))
    staff = client.get("/dashboard/map/layers/monitoring-sections/?zoom=18").json()
    assert len(staff["features"]) == 20
    assert all(f["geometry"]["type"] == "Point" for f in staff["features"])
    client.logout()
    public = client.get("/public/dashboard/map/layers/monitoring-sections/?zoom=18").json()
    assert len(public["features"]) == 20


def _figures():
    rows = Reading.objects.order_by("station__code", "time").values_list("station__code", "time", "pm25", "o3")
    daily = StationDaily.objects.order_by("station__code", "date").values_list("station__code", "date", "pm25", "aqi")
    return list(rows), list(daily)


def test_a_live_demo_runs_on_from_the_anchor_day_to_the_given_hour(db, monkeypatch):
    """Anchored at 2026-11-29 and run on to 2026-12-01 15:00 local (into a new month: on PostgreSQL a new
    partition): the series up to the anchor day is the one a plain load makes, then hours 2026-11-30 01:00
    .. 2026-12-01 15:00 (24 + 15 = 39 at most per station) follow with their daily values; the water
    samples keep their anchor dates."""
    from ecogov.monitoring import selectors
    from ecogov.monitoring.ingest.rows import local_tz
    from ecogov.monitoring.models import AirForecast, IngestBatch, QualityFlag

    monkeypatch.setattr(demo, "DAYS", 3)
    anchor = dt.date(2026, 11, 29)
    ctx = core_demo.DemoContext(seed=1, today=anchor)
    core_demo.load(ctx)
    state = ctx.rng.getstate()
    demo.load(ctx)  # the plain load, to compare with
    plain = _figures()
    water = sorted(WaterSample.objects.values_list("date", flat=True))
    for model in (PollutionWarning, AirForecast, QualityFlag, WaterSection, DrinkingWaterSource, Station, IngestBatch):
        model.objects.all().delete()  # readings, winds, daily values and samples go with their station or site
    assert Reading.objects.count() == StationDaily.objects.count() == WaterSample.objects.count() == 0

    until = dt.datetime(2026, 12, 1, 15, tzinfo=local_tz())
    ctx.rng.setstate(state)
    ctx.data[demo.LIVE_UNTIL] = until
    demo.load(ctx)
    rows, daily = _figures()
    end_of_anchor = dt.datetime(2026, 11, 30, 0, tzinfo=local_tz())
    assert [r for r in rows if r[1] <= end_of_anchor] == plain[0]  # the anchor's series, hour for hour
    assert [d for d in daily if d[1] <= anchor] == plain[1]
    tail = [r for r in rows if r[1] > end_of_anchor]
    assert max(r[1] for r in tail) == until and selectors.latest_time() == until
    per_station = {code: sum(1 for r in tail if r[0] == code) for code in {r[0] for r in tail}}
    assert len(per_station) == 38 and max(per_station.values()) <= 39
    # scattered missing hours (1.5 %) and outages at the main series' rate (three a year: rare in two days)
    assert sum(per_station.values()) > 38 * 39 * 0.8
    assert {d[1] for d in daily if d[1] > anchor} == {dt.date(2026, 11, 30), dt.date(2026, 12, 1)}
    assert sorted(WaterSample.objects.values_list("date", flat=True)) == water


@pytest.mark.parametrize("days_after, status", [(2, "issued"), (4, "lifted")])
def test_a_live_demo_keeps_only_the_warnings_still_in_force(db, monkeypatch, days_after, status):
    """The demo's yellow warning covers the 3 days after the anchor day: loaded live 2 days after the
    anchor it is still in force; 4 days after, the episode is over and the warning was lifted."""
    from ecogov.monitoring.ingest.rows import local_tz

    monkeypatch.setattr(demo, "DAYS", 2)
    anchor = dt.date(2026, 11, 20)
    ctx = core_demo.DemoContext(seed=1, today=anchor)
    core_demo.load(ctx)
    ctx.data[demo.LIVE_UNTIL] = dt.datetime.combine(anchor + dt.timedelta(days=days_after), dt.time(9),
                                                    tzinfo=local_tz())
    demo.load(ctx)
    assert list(PollutionWarning.objects.values_list("status", flat=True)) == [status]
    # one forecast a day, from the anchor day to a week after the last live day (anchor + days_after):
    # the anchor's seven (the episode's) and the later ones, none of which calls for a warning
    forecasts = dict(AirForecast.objects.values_list("date", "aqi"))
    assert AirForecast.objects.count() == len(forecasts) == days_after + 7
    assert sorted(forecasts) == [anchor + dt.timedelta(days=i) for i in range(days_after + 7)]
    assert [forecasts[anchor + dt.timedelta(days=i)] for i in range(7)] == [168, 212, 236, 188, 120, 85, 70]
    assert all(55 <= forecasts[anchor + dt.timedelta(days=i)] <= 140 for i in range(7, days_after + 7))
    # no sampling day (the 10th) between the anchor day and the last live day: the anchor's samples only
    assert max(WaterSample.objects.values_list("date", flat=True)) == dt.date(2026, 11, 10)
    # loaded in mid-January instead, December's and January's samples follow for all 17 + 3 sections and
    # 5 drinking-water sources: 25 sites x 2 days
    ctx.data[demo.LIVE_UNTIL] = dt.datetime(2027, 1, 15, 9, tzinfo=local_tz())
    assert demo._live_samples(ctx) == 50
    later = WaterSample.objects.filter(date__gt=anchor)
    assert sorted(set(later.values_list("date", flat=True))) == [dt.date(2026, 12, 10), dt.date(2027, 1, 10)]


def test_live_sampling_days_are_the_tenths_after_the_anchor_day():
    assert demo.live_sample_days(dt.date(2026, 11, 20), dt.date(2027, 1, 15)) == [dt.date(2026, 12, 10),
                                                                                   dt.date(2027, 1, 10)]
    assert demo.live_sample_days(dt.date(2026, 11, 5), dt.date(2026, 11, 10)) == [dt.date(2026, 11, 10)]
    assert demo.live_sample_days(dt.date(2026, 11, 20), dt.date(2026, 12, 9)) == []
    assert demo.live_sample_days(dt.date(2026, 12, 20), dt.date(2027, 1, 10)) == [dt.date(2027, 1, 10)]

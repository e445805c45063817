"""Demo monitoring data: 2 national, 4 provincial and 32 micro air stations with
one year of hourly data (deterministic, seasonal, with gaps) plus the year
before as station daily values only (for year-on-year figures), 17 river
sections, 3 lake/reservoir sections and 5 drinking-water sources with monthly
samples, forecasts and a heavy-pollution warning.

Everything is drawn from a numpy generator seeded from ``ctx.rng``, so the
city is the same on every machine. Hourly rows are bulk-inserted; daily values
are then computed by the same processing code that runs in production.
"""

from __future__ import annotations

import datetime as dt
import random
import time

import numpy as np
from django.utils import timezone

from ecogov.core.demo import LIVE_UNTIL, last_day

from . import partitions
from .bulk import insert_station_hours, insert_winds
from .ingest.rows import local_tz
from .models import (
    POLLUTANTS,
    AirForecast,
    DrinkingWaterSource,
    IngestBatch,
    QualityFlag,
    Station,
    StationDaily,
    WaterSample,
    WaterSection,
)
from .processing import daily_objects, station_daily_compute
from .realtime import hour_date

MAIN_STATIONS = [
    ("369900051", "市监测站", "national", 0), ("369900052", "青云谱", "national", 1),
    ("36990P01", "西山公园", "provincial", 2), ("36990P02", "新港码头", "provincial", 3),
    ("36990P03", "高新园区", "provincial", 4), ("36990P04", "清湖湿地", "provincial", 0),
]
MICRO_STATIONS = 32
DAYS = 366  # one year of hours up to ctx.today
#: PM2.5 level of the previous year relative to this one (the city improves by about 7 % a year).
PREVIOUS_PM25 = 1.075
#: Ozone of the previous year relative to this one (a little more ozone-dominated 轻度 days).
PREVIOUS_O3 = 1.06
RIVERS = ["清河", "赣江", "抚河", "锦江", "乌沙河", "玉带河"]
LAKES = [("青山湖", "lake"), ("瑶湖", "lake"), ("梅岭水库", "reservoir")]


def _grid(ctx, district, i: int):
    grids = [g for g in ctx.data["jurisdictions"]["grid"] if g.path.startswith(district.path)]
    return grids[i % len(grids)]


def _stations(ctx) -> list[Station]:
    districts = ctx.data["jurisdictions"]["district"]
    out = []
    for code, name, kind, d in MAIN_STATIONS:
        grid = _grid(ctx, districts[d], len(out))
        out.append(Station(code=code, name=name, kind=kind, is_evaluation=True, jurisdiction=grid,
                           area="示范市", lon=round(grid.centroid_lon, 4), lat=round(grid.centroid_lat, 4)))
    for i in range(MICRO_STATIONS):  # the dense micro-station network of one district
        grid = _grid(ctx, districts[0], i)
        out.append(Station(code=f"MS{i + 1:03d}", name=f"清湖微站{i + 1:02d}", kind="micro", jurisdiction=grid,
                           area="示范市", lon=round(grid.centroid_lon + ctx.rng.uniform(-0.01, 0.01), 4),
                           lat=round(grid.centroid_lat + ctx.rng.uniform(-0.01, 0.01), 4)))
    Station.objects.bulk_create(out)
    return list(Station.objects.order_by("id"))


def _regional(gen: np.random.Generator, days: np.ndarray) -> dict[str, np.ndarray]:
    """City-wide daily levels: seasonal cycle and persistent weather (AR(1) in log space)."""
    doy = np.array([d.timetuple().tm_yday for d in days])
    winter = np.cos(2 * np.pi * (doy - 15) / 365.25)  # +1 mid-January, -1 mid-July
    noise = np.zeros(len(days))
    for i in range(1, len(days)):
        noise[i] = 0.72 * noise[i - 1] + gen.normal(0, 0.38)
    noise = (noise - noise.mean()) / noise.std() * 0.55  # fixed spread: the year's figures do not hinge on the seed
    pm25 = 23.5 * np.exp(0.36 * winter + noise - 0.1)
    o3 = 100 - 38 * winter + gen.normal(0, 24, len(days))  # daily peak 1-hour O3 [µg/m³]
    return {"pm25": pm25, "o3": np.clip(o3, 30, 260), "weather": np.exp(noise)}


def _station_hours(gen, regional, n_days: int, scale: float, noise: float, outages: int = 3) -> dict[str, np.ndarray]:
    hours = np.arange(24)
    diurnal_pm = 1 + 0.18 * np.cos(2 * np.pi * (hours - 8) / 24)
    diurnal_o3 = np.clip(np.sin(np.pi * (hours - 7) / 12), 0.12, None)
    shape = (n_days, 24)
    jitter = np.exp(gen.normal(0, noise, shape))
    pm25 = regional["pm25"][:, None] * scale * diurnal_pm * jitter
    pm10 = pm25 * gen.uniform(1.45, 1.85, shape)
    o3 = regional["o3"][:, None] * diurnal_o3 * np.exp(gen.normal(0, 0.08, shape))
    w = regional["weather"][:, None]
    no2 = 24 * scale * w * (1.25 - 0.5 * diurnal_o3) * np.exp(gen.normal(0, 0.2, shape))
    so2 = 7 * w * np.exp(gen.normal(0, 0.25, shape))
    co = 0.55 * w * np.exp(gen.normal(0, 0.15, shape))
    values = {"pm25": np.round(pm25), "pm10": np.round(pm10), "o3": np.round(o3), "no2": np.round(no2),
              "so2": np.round(so2), "co": np.round(co, 1)}
    gaps = gen.random(shape) < 0.015  # scattered missing hours
    for _ in range(outages):  # a few outages of 6-30 hours (three a year)
        d, h = gen.integers(0, n_days), gen.integers(0, 24)
        flat = gaps.reshape(-1)
        flat[d * 24 + h : d * 24 + h + gen.integers(6, 30)] = True
    for v in values.values():
        v[gaps] = np.nan
    return values


def _station_scale(gen, station: Station) -> tuple[float, float]:
    """Level and hour-to-hour noise of a station: micro stations read higher and noisier."""
    if station.kind == "micro":
        return gen.uniform(1.0, 1.2), 0.3
    return gen.uniform(0.93, 1.07), 0.16


def _previous_year(ctx, stations: list[Station], start: dt.date, n_days: int) -> int:
    """Station daily values of the same days one year (365 days) earlier (at most a year of them), for
    the year-on-year figures. Hours are generated in memory and turned into daily values by the production
    processing code; only the daily rows are stored, which keeps the demo fast."""
    n_prev = min(n_days, 365)
    first = start - dt.timedelta(days=365)
    # the same weather sequence as this year (same seed: day i <-> day i + 365) with more PM2.5 and a
    # little day-to-day difference, so that every month compares like with like
    regional = _regional(np.random.default_rng([ctx.seed, 5]),
                         np.array([first + dt.timedelta(days=i) for i in range(n_prev)]))
    gen = np.random.default_rng([ctx.seed, 6])
    regional["pm25"] = regional["pm25"] * PREVIOUS_PM25 * np.exp(gen.normal(0, 0.08, n_prev))
    regional["o3"] = regional["o3"] * PREVIOUS_O3
    cube = {p: np.empty((len(stations), n_prev, 24)) for p in POLLUTANTS}
    for i, st in enumerate(stations):
        for p, v in _station_hours(gen, regional, n_prev, *_station_scale(gen, st)).items():
            cube[p][i] = v
    rows = daily_objects([st.pk for st in stations], cube, first)
    StationDaily.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _wind(gen: np.random.Generator, months: np.ndarray, pm25: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hourly wind ``(days, 24)``: the monsoon's prevailing direction (winter from the north-north-west,
    summer from the south-south-east), and in polluted hours (PM2.5 above 75) mostly a light south-west
    wind from the industrial park upwind; calm hours (below 0.3 m/s) about 6 %."""
    winter = np.isin(months, (11, 12, 1, 2))
    summer = np.isin(months, (6, 7, 8))
    prevailing = np.where(winter, 340.0, np.where(summer, 160.0, np.where(months < 6, 110.0, 20.0)))
    direction = prevailing + gen.normal(0, 45, pm25.shape)
    polluted = (pm25 > 75) & (gen.random(pm25.shape) < 0.7)
    direction = np.where(polluted, 225 + gen.normal(0, 20, pm25.shape), direction) % 360
    speed = gen.lognormal(np.log(2.2), 0.45, pm25.shape) * np.where(polluted, 0.6, 1.0)
    speed = np.where(gen.random(pm25.shape) < 0.06, 0.1, speed)
    return np.round(direction), np.round(speed, 1)


def _readings(ctx, stations: list[Station], start: dt.date, n_days: int) -> tuple[int, list[tuple[float, float]]]:
    # seeded from the demo seed (not the shared RNG stream), so the figures do not depend on the apps loaded before
    gen = np.random.default_rng([ctx.seed, 5])
    days = np.array([start + dt.timedelta(days=i) for i in range(n_days)])
    regional = _regional(gen, days)
    tz = local_tz()
    t0 = dt.datetime.combine(start, dt.time(1), tzinfo=tz)
    times = [t0 + dt.timedelta(hours=k) for k in range(n_days * 24)]
    now = timezone.now()
    batch = IngestBatch.objects.create(source="demo", reference="demo load", status="done", finished=now)
    total = 0
    wind_gen = np.random.default_rng([ctx.seed, 7])  # its own stream: the pollutant figures do not depend on it
    months = np.array([d.month for d in days])[:, None]
    scales: list[tuple[float, float]] = []
    for st in stations:
        scale = _station_scale(gen, st)
        scales.append(scale)
        vals = _station_hours(gen, regional, n_days, *scale)
        total += insert_station_hours(
            station_id=st.pk, times=times, values={p: v.reshape(-1) for p, v in vals.items()}, source="demo",
            ingested=now, batch_id=batch.pk,
        )
        if st.kind == "micro":  # micro stations measure wind: pollutant roses
            direction, speed = _wind(wind_gen, months, vals["pm25"])
            insert_winds(station_id=st.pk, times=times, direction=direction.reshape(-1), speed=speed.reshape(-1),
                         source="demo", ingested=now)
    batch.rows_total = batch.rows_created = total
    batch.save()
    return total, scales


# A live demo (``LIVE_UNTIL`` set past the anchor day): a tail of hours runs on from the anchor day to
# that hour, with its own generators, so every figure up to the anchor day stays the same.


def _tail_regional(gen: np.random.Generator, days: list[dt.date], last_noise: float) -> dict[str, np.ndarray]:
    """The city-wide daily levels after the anchor day: the AR(1) weather continued from its last value
    (not re-standardised: its stationary spread, 0.38 / sqrt(1 - 0.72²) = 0.55, is the main series')."""
    doy = np.array([d.timetuple().tm_yday for d in days])
    winter = np.cos(2 * np.pi * (doy - 15) / 365.25)
    noise = np.zeros(len(days))
    prev = last_noise
    for i in range(len(days)):
        prev = noise[i] = 0.72 * prev + gen.normal(0, 0.38)
    pm25 = 23.5 * np.exp(0.36 * winter + noise - 0.1)
    o3 = 100 - 38 * winter + gen.normal(0, 24, len(days))
    return {"pm25": pm25, "o3": np.clip(o3, 30, 260), "weather": np.exp(noise)}


def _live_tail(ctx, stations: list[Station], scales, start: dt.date, n_days: int, until: dt.datetime) -> int:
    """Hourly readings (and micro-station wind) from the day after ``ctx.today`` to ``until``, and
    their daily values (the running day's from the hours so far, as in production)."""
    main = _regional(np.random.default_rng([ctx.seed, 5]), np.array([start + dt.timedelta(days=i)
                                                                     for i in range(n_days)]))
    first = ctx.today + dt.timedelta(days=1)
    last = hour_date(until)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    gen = np.random.default_rng([ctx.seed, 8])
    regional = _tail_regional(gen, days, float(np.log(main["weather"][-1])))
    t0 = dt.datetime.combine(first, dt.time(1), tzinfo=local_tz())
    times = [t for t in (t0 + dt.timedelta(hours=k) for k in range(len(days) * 24)) if t <= until]
    partitions.ensure_for(times)
    now = timezone.now()
    batch = IngestBatch.objects.create(source="demo", reference="demo load (live tail)", status="done", finished=now)
    wind_gen = np.random.default_rng([ctx.seed, 9])
    months = np.array([d.month for d in days])[:, None]
    total = 0
    for st, scale in zip(stations, scales, strict=True):
        outages = int(gen.poisson(3 * len(days) / 366))  # the main series' rate, three a year
        vals = _station_hours(gen, regional, len(days), *scale, outages=outages)
        total += insert_station_hours(station_id=st.pk, times=times, values={
            p: v.reshape(-1)[: len(times)] for p, v in vals.items()}, source="demo", ingested=now, batch_id=batch.pk)
        if st.kind == "micro":
            direction, speed = _wind(wind_gen, months, vals["pm25"])
            insert_winds(station_id=st.pk, times=times, direction=direction.reshape(-1)[: len(times)],
                         speed=speed.reshape(-1)[: len(times)], source="demo", ingested=now)
    batch.rows_total = batch.rows_created = total
    batch.save()
    station_daily_compute(start=first, end=last)
    # the same days of last year need nothing more: the main series (a year and a day) already holds them
    return total


def sample_days(today: dt.date) -> list[dt.date]:
    """The 10th of each of the twelve months up to ``today``'s, oldest first (one sample a month)."""
    index = today.year * 12 + today.month - 1
    return [dt.date((index - m) // 12, (index - m) % 12 + 1, 10) for m in range(11, -1, -1)]


def _site_point(code: str, district) -> tuple[float | None, float | None]:
    """A point inside ``district``'s boundary box (a margin of a tenth on each side), drawn from a
    generator seeded from the site's code: the shared stream, and so every other figure, is untouched."""
    ring = ((district.boundary or {}).get("coordinates") or [[]])[0]
    if not ring:
        return None, None
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    gen = random.Random(f"water-site:{code}")
    (lon0, lon1), (lat0, lat1) = (min(lons), max(lons)), (min(lats), max(lats))
    dlon, dlat = (lon1 - lon0) / 10, (lat1 - lat0) / 10
    return (round(gen.uniform(lon0 + dlon, lon1 - dlon), 5), round(gen.uniform(lat0 + dlat, lat1 - dlat), 5))


def _water(ctx, today: dt.date) -> tuple[int, int]:
    districts = ctx.data["jurisdictions"]["district"]
    rng = ctx.rng
    sections = []
    for i in range(17):
        river = RIVERS[i % len(RIVERS)]
        sections.append(WaterSection(code=f"WS{i + 1:02d}", name=f"{river}{['上游', '中游', '下游'][i % 3]}{i + 1}号断面",
                                     level=["national", "provincial", "city"][i % 3], water_body_kind="river",
                                     river=river, basin="赣江流域", target_class=2 if i % 4 == 0 else 3,
                                     jurisdiction=districts[i % len(districts)]))
        sections[-1].lon, sections[-1].lat = _site_point(sections[-1].code, districts[i % len(districts)])
    for j, (name, kind) in enumerate(LAKES):
        sections.append(WaterSection(code=f"WL{j + 1:02d}", name=f"{name}湖心", level="provincial",
                                     water_body_kind=kind, river=name, basin="赣江流域", target_class=3,
                                     jurisdiction=districts[j]))
        sections[-1].lon, sections[-1].lat = _site_point(sections[-1].code, districts[j])
    WaterSection.objects.bulk_create(sections)
    sources = [DrinkingWaterSource(code=f"DW{k + 1:02d}", name=f"{['赣江', '抚河', '梅岭水库', '青山湖', '锦江'][k]}水源地",
                                   water_body_kind="reservoir" if k == 2 else "river",
                                   water_body=["赣江", "抚河", "梅岭水库", "青山湖", "锦江"][k], target_class=3,
                                   jurisdiction=districts[k]) for k in range(5)]
    for k, src in enumerate(sources):
        src.lon, src.lat = _site_point(src.code, districts[k])
    DrinkingWaterSource.objects.bulk_create(sources)
    samples = []
    months = sample_days(today)
    for s in WaterSection.objects.all():
        for m, day in enumerate(months):
            samples.append(WaterSample(section=s, date=day, origin="demo", values=_section_values(rng, s, m)))
    for src in DrinkingWaterSource.objects.all():
        for day in months:
            samples.append(WaterSample(source=src, date=day, origin="demo", values=_source_values(rng)))
    WaterSample.objects.bulk_create(samples)
    return len(sections), len(samples)


def _section_values(rng, s: WaterSection, m: int) -> dict[str, float]:
    """A section's sample values in the ``m``-th sampled month (WS05's NH3-N creeps up by 5 % a month)."""
    lake = s.water_body_kind != "river"
    trend = 1 + (0.05 * m if s.code == "WS05" else 0)
    return {
        "ph": round(rng.uniform(6.9, 7.9), 2), "do": round(rng.uniform(6.2, 8.8), 2),
        "codmn": round(rng.uniform(1.6, 3.8 if s.target_class == 3 else 3.6), 1),
        "cod": round(rng.uniform(8, 14), 1), "bod5": round(rng.uniform(1.0, 2.8), 1),
        "nh3n": round(rng.uniform(0.12, 0.45) * trend, 3),
        "tp": round(rng.uniform(0.012, 0.045) if lake else rng.uniform(0.03, 0.095), 3),
        "tn": round(rng.uniform(0.5, 1.4), 2),
    }


def _source_values(rng) -> dict[str, float]:
    return {
        "ph": round(rng.uniform(7.0, 7.8), 2), "do": round(rng.uniform(6.5, 8.5), 2),
        "codmn": round(rng.uniform(1.5, 3.2), 1), "nh3n": round(rng.uniform(0.08, 0.4), 3),
        "tp": round(rng.uniform(0.01, 0.04), 3), "fluoride": round(rng.uniform(0.2, 0.6), 2),
    }


def live_sample_days(today: dt.date, last: dt.date) -> list[dt.date]:
    """The monthly sampling days (the 10th) after ``today`` up to ``last``, oldest first."""
    out, day = [], today.replace(day=10)
    while day <= last:
        if day > today:
            out.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 10)
    return out


def _live_samples(ctx) -> int:
    """A live demo: the monthly samples after the anchor day's, to the last live day, with the same
    ranges, from their own generator (every sample up to the anchor day stays the same)."""
    rng = random.Random(f"water-live:{ctx.seed}")
    days = live_sample_days(ctx.today, last_day(ctx))
    base = len(sample_days(ctx.today))
    rows = [WaterSample(section=s, date=day, origin="demo", values=_section_values(rng, s, base + k))
            for s in WaterSection.objects.order_by("code") for k, day in enumerate(days)]
    rows += [WaterSample(source=src, date=day, origin="demo", values=_source_values(rng))
             for src in DrinkingWaterSource.objects.order_by("code") for day in days]
    WaterSample.objects.bulk_create(rows)
    return len(rows)


def _warning(ctx, city, stations) -> None:
    from ecogov.core.models import User

    from . import services

    leader = User.objects.filter(role__in=["leader", "admin"]).order_by("id").first()
    today = ctx.today
    for i, aqi in enumerate([168, 212, 236, 188, 120, 85, 70]):
        AirForecast.objects.create(jurisdiction=city, date=today + dt.timedelta(days=i), aqi=aqi, primary="PM2.5")
    _live_forecasts(ctx, city)
    fault = stations[1]
    start = dt.datetime.combine(today - dt.timedelta(days=40), dt.time(9), tzinfo=local_tz())
    QualityFlag.objects.create(station=fault, kind="calibration", start=start, end=start + dt.timedelta(hours=3),
                               note="季度多点校准")
    if leader is None:
        return
    w = services.warning_create(jurisdiction=city, level="yellow", start=dt.datetime.combine(
        today + dt.timedelta(days=1), dt.time(0), tzinfo=local_tz()), primary="PM2.5",
        reason="受静稳天气影响，预计未来3天出现重度污染过程。", actor=leader)
    services.warning_issue(warning=w, actor=leader)
    until = ctx.data.get(LIVE_UNTIL)
    if until is not None and hour_date(until) > today + dt.timedelta(days=WARNING_DAYS):
        # a live demo loaded after the episode: the warning was lifted when it ended, only current ones stay
        services.warning_lift(warning=w, actor=leader, note="重污染过程结束，解除预警。")


#: Days of the demo's heavy-pollution episode after the anchor day (the yellow warning's forecast).
WARNING_DAYS = 3
#: Days ahead of each forecast (the anchor day's seven-day forecast is the episode's, above).
FORECAST_DAYS = 7


def _live_forecasts(ctx, city) -> None:
    """A live demo: the daily forecasts after the anchor day's seven, to a week after the last live day,
    all below a warning's threshold (only current warnings are in force), from their own generator."""
    gen = random.Random(f"forecasts:{ctx.seed}")
    first = ctx.today + dt.timedelta(days=FORECAST_DAYS)
    days = (last_day(ctx) + dt.timedelta(days=FORECAST_DAYS - 1) - first).days + 1
    rows = []
    for i in range(max(0, days)):
        rows.append(AirForecast(jurisdiction=city, date=first + dt.timedelta(days=i), aqi=gen.randint(55, 140),
                                primary=gen.choice(["PM2.5", "PM2.5", "PM10", "NO2"])))  # over 50: a primary
    AirForecast.objects.bulk_create(rows)


def load(ctx) -> None:
    city = ctx.data["jurisdictions"]["city"][0]
    stations = _stations(ctx)
    n_days = DAYS
    start = ctx.today - dt.timedelta(days=n_days - 1)
    clock = time.monotonic()
    n, scales = _readings(ctx, stations, start, n_days)
    ctx.log(f"  hourly readings inserted in {time.monotonic() - clock:.1f} s")
    clock = time.monotonic()
    station_daily_compute(start=start, end=ctx.today)
    ctx.log(f"  daily values computed in {time.monotonic() - clock:.1f} s")
    clock = time.monotonic()
    n_prev = _previous_year(ctx, stations, start, n_days)
    ctx.log(f"  previous year: {n_prev} station-days (daily values only) in {time.monotonic() - clock:.1f} s")
    until = ctx.data.get(LIVE_UNTIL)
    if until is not None and hour_date(until) > ctx.today:
        clock = time.monotonic()
        n_live = _live_tail(ctx, stations, scales, start, n_days, until)
        ctx.log(f"  live tail to {timezone.localtime(until):%Y-%m-%d %H:00}: {n_live} hourly readings "
                f"in {time.monotonic() - clock:.1f} s")
    n_sections, n_samples = _water(ctx, ctx.today)
    n_samples += _live_samples(ctx)
    _warning(ctx, city, stations)
    ctx.data["monitoring_stations"] = stations
    ctx.log(f"  air stations: {len(stations)}, hourly readings: {n}, water sections: {n_sections}, samples: {n_samples}")

"""Monitoring reads for pages, API, exports and other apps (restricted by user)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from ecogov.core.errors import ValidationFailed
from ecogov.core.models import Jurisdiction
from ecogov.standards import category

from . import rose
from .models import (
    POLLUTANTS,
    AirForecast,
    IngestBatch,
    PollutionWarning,
    Reading,
    Station,
    StationDaily,
    WaterSample,
)
from .realtime import hour_date, readings_aqi, realtime_aqi
from .rollups import period_bounds, period_stats, ranking, year_on_year

#: The largest time window the hourly API and pages serve in one request.
MAX_HOURLY_DAYS = 31
MAX_DAILY_DAYS = 366 * 3


def stations_for_user(user, *, q: str = "", kind: str = "", district: str = "", evaluation: str = ""):
    qs = Station.objects.for_user(user).select_related("jurisdiction")
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q) | Q(area__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if district:
        qs = qs.filter(jurisdiction__path__contains=f"{district}/")
    if evaluation in ("1", "true", "yes"):
        qs = qs.filter(is_evaluation=True)
    return qs


@dataclass
class Latest:
    station: Station
    reading: Reading | None
    aqi: int | None
    primary: str

    @property
    def colour(self) -> str:
        cat = category(self.aqi) if self.aqi is not None else None
        return cat.hex if cat else "#cccccc"

    @property
    def category(self) -> str:
        cat = category(self.aqi) if self.aqi is not None else None
        return cat.category if cat else "—"


def latest_for(stations, *, hours: int = 6) -> list[Latest]:
    """The latest reading of each station (within ``hours`` of the newest one) and its real-time AQI."""
    stations = list(stations)
    ids = [s.pk for s in stations]
    newest = Reading.objects.filter(station_id__in=ids).aggregate(t=Max("time"))["t"]
    latest: dict[int, Reading] = {}
    if newest is not None:
        for r in Reading.objects.filter(station_id__in=ids, time__gte=newest - dt.timedelta(hours=hours)).order_by("time"):
            latest[r.station_id] = r
    readings = [latest[s.pk] for s in stations if s.pk in latest]
    aqis = dict(zip([r.station_id for r in readings], readings_aqi(readings), strict=True))
    return [Latest(s, latest.get(s.pk), *(aqis.get(s.pk) or (None, ""))) for s in stations]


def check_window(start: dt.datetime | dt.date, end: dt.datetime | dt.date, max_days: int) -> None:
    """Refuse windows that are reversed or too large, with a clear message."""
    if end < start:
        raise ValidationFailed("bad_window", "结束时间早于开始时间", "The end of the window is before its start")
    days = (end - start).days if isinstance(end, dt.date) else 0
    if days > max_days:
        raise ValidationFailed(
            "window_too_large",
            f"时间范围过大：最多 {max_days} 天，请求了 {days} 天；请分段查询",
            f"Time window too large: at most {max_days} days, asked for {days}; split the request",
            detail={"max_days": max_days, "requested_days": days},
        )


def hourly_series(station: Station, start: dt.datetime, end: dt.datetime) -> list[dict]:
    check_window(start, end, MAX_HOURLY_DAYS)
    rows = list(Reading.objects.filter(station=station, time__gte=start, time__lte=end).order_by("time"))
    out = []
    for r, (aqi, primary) in zip(rows, readings_aqi(rows), strict=True):
        out.append({"time": r.time, **{p: getattr(r, p) for p in POLLUTANTS}, "aqi": aqi, "primary": primary,
                    "invalid": r.invalid, "published_aqi": r.published_aqi})
    return out


#: The largest window of one pollutant rose (a year of hours).
MAX_ROSE_DAYS = 366


def pollutant_rose(station: Station, start: dt.date, end: dt.date, pollutant: str = "pm25"):
    """``rose.pollutant_rose`` within the window limit."""
    check_window(start, end, MAX_ROSE_DAYS)
    return rose.pollutant_rose(station, start, end, pollutant)


def daily_series(station: Station, start: dt.date, end: dt.date):
    check_window(start, end, MAX_DAILY_DAYS)
    return StationDaily.objects.filter(station=station, date__gte=start, date__lte=end).order_by("date")


def city_of(user) -> Jurisdiction | None:
    return Jurisdiction.objects.filter(level="city").order_by("path").first()


def evaluation_station_ids(city: Jurisdiction | None = None) -> list[int]:
    qs = Station.objects.filter(is_evaluation=True, active=True)
    if city is not None:
        qs = qs.filter(jurisdiction__path__startswith=city.path)
    return list(qs.values_list("id", flat=True))


def district_groups(city: Jurisdiction) -> dict[Jurisdiction, list[int]]:
    """Stations of each district: its national/provincial/city stations, or its micro stations if it has none."""
    out = {}
    for d in Jurisdiction.objects.filter(parent=city, level="district").order_by("code"):
        stations = Station.objects.filter(jurisdiction__path__startswith=d.path, active=True)
        main = list(stations.exclude(kind="micro").values_list("id", flat=True))
        out[d] = main or list(stations.values_list("id", flat=True))
    return out


def station_ranking(start: dt.date, end: dt.date, stations=None) -> list[dict]:
    stations = list(stations if stations is not None else Station.objects.filter(active=True).exclude(kind="micro"))
    by_pk = {s.pk: s for s in stations}
    rows = ranking({s.pk: [s.pk] for s in stations}, start, end)
    for r in rows:
        r["station"] = by_pk[r["key"]]
    return rows


def district_ranking(city: Jurisdiction, start: dt.date, end: dt.date) -> list[dict]:
    groups = {d: ids for d, ids in district_groups(city).items() if ids}
    rows = ranking(groups, start, end)
    for r in rows:
        r["district"] = r["key"]
    return rows


def city_summary(city: Jurisdiction | None, period: str, year: int, number: int = 1, today: dt.date | None = None):
    start, end = period_bounds(period, year, number, today)
    return period_stats(evaluation_station_ids(city), start, end)


def current_warning(user=None):
    qs = PollutionWarning.objects.for_user(user) if user is not None else PollutionWarning.objects
    return qs.filter(status="issued").select_related("jurisdiction").order_by("-start").first()


def ingest_batches(user, *, source: str = "", status: str = ""):
    qs = IngestBatch.objects.for_user(user)
    if source:
        qs = qs.filter(source=source)
    if status:
        qs = qs.filter(status=status)
    return qs


def home_cards(user) -> list[dict]:
    if not Station.objects.for_user(user).exists():
        return []
    city = city_of(user)
    today = timezone.localdate()
    newest = Reading.objects.aggregate(t=Max("time"))["t"]
    day = hour_date(newest) if newest else today
    start, end = period_bounds("ytd", day.year, today=day)
    yoy = year_on_year(evaluation_station_ids(city), start, end)
    stats = yoy["current"]
    ratio = "—" if stats.good_ratio is None else f"{stats.good_ratio:.1f}%"
    pm25 = "—" if stats.pm25 is None else f"{stats.pm25:g} µg/m³"
    url = reverse("monitoring:station_list")
    ratio_note = f"{stats.good_days}/{stats.valid_days}"
    if yoy["good_ratio_change"] is not None:
        ratio_note += f"，同比 {yoy['good_ratio_change']:+.1f} 个百分点"
    pm25_note = f"截至 {day:%Y-%m-%d}"
    if yoy["pm25_change"] is not None:
        pm25_note += f"，同比 {yoy['pm25_change']:+.1f} µg/m³（{yoy['pm25_change_pct']:+.1f}%）"
    return [
        {"label": "优良天数比例（年累计）", "value": ratio, "url": url, "note": ratio_note},
        {"label": "PM2.5 年累计均值", "value": pm25, "url": url, "note": pm25_note},
    ]


def warnings_for(user):
    return PollutionWarning.objects.for_user(user).select_related("jurisdiction")


def latest_time(station: Station | None = None) -> dt.datetime | None:
    qs = Reading.objects.filter(station=station) if station is not None else Reading.objects
    return qs.aggregate(t=Max("time"))["t"]


def latest_day() -> dt.date:
    """The day of the newest stored hour (the pages' default period), else today."""
    newest = latest_time()
    return hour_date(newest) if newest else timezone.localdate()


def latest_complete_day() -> dt.date | None:
    """The newest day whose last hour (ending 24:00) is stored: the day a daily report covers."""
    newest = latest_time()
    if newest is None:
        return None
    return hour_date(newest) if newest.astimezone(timezone.get_current_timezone()).hour == 0 else (
        hour_date(newest) - dt.timedelta(days=1))


def latest_water_day() -> dt.date:
    newest = WaterSample.objects.aggregate(d=Max("date"))["d"]
    return newest or timezone.localdate()


def recent_samples(site, n: int = 12):
    """The newest ``n`` samples of a section or a drinking-water source."""
    return site.samples.order_by("-date")[:n]


def districts():
    return Jurisdiction.objects.filter(level="district").order_by("code")


def forecasts(city, days: int = 7):
    if city is None:
        return []
    today = timezone.localdate()
    return AirForecast.objects.filter(jurisdiction=city, date__gte=today, date__lt=today + dt.timedelta(days=days))


def city_latest(city) -> dict | None:
    """The city's real-time AQI: HJ 633 real-time report of the mean of its evaluation stations' latest hour."""
    ids = evaluation_station_ids(city)
    rows = [x.reading for x in latest_for(Station.objects.filter(pk__in=ids)) if x.reading is not None]
    if not rows:
        return None
    newest = max(r.time for r in rows)
    rows = [r for r in rows if r.time == newest]
    from ecogov.standards import city_mean

    means = {p: city_mean([getattr(r, p) for r in rows], pollutant=p) for p in POLLUTANTS}
    aqi, primary = realtime_aqi([newest], {p: [means[p]] for p in POLLUTANTS})
    cat = category(aqi[0]) if aqi[0] is not None else None
    return {"time": newest, "aqi": aqi[0], "primary": primary[0], "values": means, "stations": len(rows),
            "category": cat.category if cat else "—", "colour": cat.hex if cat else "#cccccc"}


def daily_table(stations, day: dt.date | None) -> list[StationDaily]:
    if day is None:
        return []
    return list(StationDaily.objects.filter(station__in=stations, date=day).select_related("station"))


def city_comparison(city: Jurisdiction | None, start: dt.date, end: dt.date) -> list[dict]:
    """This city against the other cities of the national publication (stations grouped by published area)."""
    groups: dict[str, list[int]] = {}
    others = Station.objects.filter(kind="national", jurisdiction__isnull=True, active=True).exclude(area="")
    for sid, area in others.values_list("id", "area"):
        groups.setdefault(area, []).append(sid)
    if city is not None:
        groups[city.name] = evaluation_station_ids(city)
    rows = ranking({k: v for k, v in groups.items() if v}, start, end)
    for r in rows:
        r["name"] = r["key"]
        r["is_self"] = city is not None and r["key"] == city.name
    return rows


def city_daily(city, day: dt.date) -> dict | None:
    """The city's daily AQI of ``day`` (from its evaluation stations' daily values)."""
    from .rollups import area_daily

    ids = evaluation_station_ids(city)
    if not ids:
        return None
    d = area_daily(ids, day, day)
    aqi = int(d["aqi"][0]) if d["aqi"][0] >= 0 else None
    pm25 = None if d["pm25"][0] != d["pm25"][0] else float(d["pm25"][0])
    return {"date": day, "aqi": aqi, "primary": d["primary"][0], "pm25": pm25}



# ----------------------------------------------------------------------------- for the official assessment


def assessment_stations(user, *, include_micro: bool = False) -> list[Station]:
    """The air stations an annual assessment lists (national, provincial and city; micro on request)."""
    qs = Station.objects.for_user(user).filter(active=True).select_related("jurisdiction")
    return list(qs if include_micro else qs.exclude(kind="micro"))


def air_daily_cube(station_ids: list[int], start: dt.date, end: dt.date) -> dict:
    """Stored daily values of stations as arrays ``(stations, days)``: ``dates``, each daily field
    (NaN = none) and ``aqi`` (-1 = none), one query."""
    import numpy as np

    from .rollups import DAILY_FIELDS

    check_window(start, end, MAX_DAILY_DAYS)
    dates = [start + dt.timedelta(days=j) for j in range((end - start).days + 1)]
    index = {sid: i for i, sid in enumerate(station_ids)}
    out: dict = {f: np.full((len(station_ids), len(dates)), np.nan) for f in DAILY_FIELDS}
    out["aqi"] = np.full((len(station_ids), len(dates)), -1, dtype=np.int16)
    rows = StationDaily.objects.filter(station_id__in=station_ids, date__gte=start, date__lte=end).values_list(
        "station_id", "date", "aqi", *DAILY_FIELDS)
    for sid, day, aqi, *vals in rows:
        i, j = index[sid], (day - start).days
        for f, v in zip(DAILY_FIELDS, vals, strict=True):
            if v is not None:
                out[f][i, j] = v
        if aqi is not None:
            out["aqi"][i, j] = aqi
    out["dates"] = dates
    return out


def air_area_daily(station_ids: list[int], start: dt.date, end: dt.date) -> dict:
    """An area's daily values (HJ 663 mean of its stations, AQI from the means): ``rollups.area_daily``."""
    from .rollups import area_daily

    check_window(start, end, MAX_DAILY_DAYS)
    return area_daily(station_ids, start, end)


def water_sites(user, kind: str = "section") -> list:
    """Sections (``kind="section"``) or drinking-water sources (``"source"``) the user reads."""
    from .models import DrinkingWaterSource, WaterSection

    model = WaterSection if kind == "section" else DrinkingWaterSource
    return list(model.objects.for_user(user).select_related("jurisdiction"))


def drinking_sources_in_area(user) -> list:
    """The drinking-water sources the user reads, inside the user's own jurisdiction (a district
    officer: the district's; a city officer: the city's; a superuser: all; no jurisdiction: none).
    Sources are city-wide reference data (``jurisdiction_lookup = None``), so the area is applied here."""
    from .models import DrinkingWaterSource

    qs = DrinkingWaterSource.objects.for_user(user).select_related("jurisdiction")
    if not user.is_superuser:
        if getattr(user, "jurisdiction_id", None) is None:
            return []
        qs = qs.filter(jurisdiction__path__startswith=user.jurisdiction.path)
    return list(qs)


def water_samples_between(start: dt.date, end: dt.date, kind: str = "section") -> dict[int, list[dict]]:
    """The sample values of each section (or source) dated ``start..end``: ``{site id: [values, ...]}``."""
    field = "section" if kind == "section" else "source"
    out: dict[int, list[dict]] = {}
    qs = WaterSample.objects.filter(**{f"{field}__isnull": False}, date__gte=start, date__lte=end).order_by("date")
    for site_id, values in qs.values_list(f"{field}_id", "values"):
        out.setdefault(site_id, []).append(values or {})
    return out


# ----------------------------------------------------------------------------- for episode controls


def reduction_list(user, jurisdiction: Jurisdiction, level: str) -> list[dict]:
    """The emergency reduction list (应急减排清单) of ``jurisdiction`` at warning ``level``:
    ``[{"object", "grade", "measure"}]`` read through ``user``'s scope (``emergency.emergency_list``)."""
    from types import SimpleNamespace

    from .emergency import emergency_list

    return emergency_list(user, SimpleNamespace(jurisdiction=jurisdiction, level=level))


def area_daily_aqi(jurisdiction: Jurisdiction, day: dt.date) -> int | None:
    """The measured daily AQI of ``jurisdiction`` on ``day``: a district from its stations
    (``district_groups``), any other area from its evaluation stations; None without data."""
    if jurisdiction.level == "district" and jurisdiction.parent is not None:
        ids = district_groups(jurisdiction.parent).get(jurisdiction, [])
    else:
        ids = evaluation_station_ids(jurisdiction)
    if not ids:
        return None
    aqi = int(air_area_daily(ids, day, day)["aqi"][0])
    return aqi if aqi >= 0 else None

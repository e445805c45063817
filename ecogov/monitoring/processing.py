"""Station daily values and daily AQI, computed from the stored hourly rows by
``ecogov.standards`` (never re-implemented here).

A calendar day D is the hours ending D 01:00 .. D+1 00:00 (local time), as the
national publication counts it (standards.md §14). Hours under a quality flag
(instrument fault, calibration, sand and dust for PM) are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
from django.db import connection, transaction

from ecogov.standards import (
    aqi_daily_array,
    daily_mean_array,
    o3_daily_max_8h_array,
    primary_names,
    version_for_date,
)
from ecogov.standards.gb3095 import DECIMALS
from ecogov.standards.rounding import round_half_even_array

from .bulk import db_time
from .ingest.rows import local_tz
from .models import POLLUTANTS, DerivedPending, QualityFlag, Reading, Station, StationDaily

MEANS = ("so2", "no2", "co", "pm10", "pm25")
DUST_POLLUTANTS = ("pm10", "pm25")


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """First and last hour end of the days ``start..end`` (aware)."""
    tz = local_tz()
    first = dt.datetime.combine(start, dt.time(1), tzinfo=tz)
    last = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return first, last


def hour_index(first: dt.datetime, times) -> np.ndarray:
    """Position of each hour end in the grid that starts at ``first`` (``day_bounds``), one per hour."""
    t0 = first.timestamp()
    return ((np.array([t.timestamp() for t in times], dtype=np.float64) - t0) // 3600).astype(np.int64)


def hourly_cube(station_ids: list[int], start: dt.date, end: dt.date) -> dict[str, np.ndarray]:
    """Hourly values as arrays ``[pollutant] -> (stations, days, 24)``, NaN = missing or flagged."""
    n_days = (end - start).days + 1
    index = {sid: i for i, sid in enumerate(station_ids)}
    cube = {p: np.full((len(station_ids), n_days, 24), np.nan) for p in POLLUTANTS}
    first, last = day_bounds(start, end)
    sids, epochs, values = _hour_arrays(station_ids, first, last)
    if len(sids):
        lookup = np.full(max(station_ids) + 1, -1, dtype=np.int64)
        lookup[station_ids] = np.arange(len(station_ids))
        k = ((epochs - first.timestamp()) // 3600).astype(np.int64)
        for p in POLLUTANTS:
            cube[p].reshape(len(station_ids), n_days * 24)[lookup[sids], k] = values[p]
    _apply_flags(cube, index, start, first, last)
    return cube


def _hour_arrays(station_ids: list[int], first: dt.datetime, last: dt.datetime,
                 ) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """``(station ids, hour ends as epoch seconds, {pollutant: values, NaN = null})`` of the stored hours.

    On PostgreSQL the rows come as one ``COPY (SELECT ..) TO STDOUT`` text read by polars (no Python object
    per value: most of the time of a large recomputation); the server writes each double in its shortest
    round-trip form, so the arrays hold the very doubles stored."""
    if connection.vendor != "postgresql":
        data = _hour_rows(station_ids, first, last)
        if not data:
            return np.empty(0, np.int64), np.empty(0), {p: np.empty(0) for p in POLLUTANTS}
        cols = list(zip(*data, strict=True))
        return (np.array(cols[0], dtype=np.int64), np.array(cols[1], dtype=np.float64),
                {p: np.array(v, dtype=np.float64) for p, v in zip(POLLUTANTS, cols[2:], strict=True)})
    import io

    import polars as pl
    from psycopg import sql

    table = sql.Identifier(Reading._meta.db_table)
    query = sql.SQL("COPY (SELECT station_id, CAST(EXTRACT(EPOCH FROM time) AS DOUBLE PRECISION), {} FROM {} "
                    "WHERE station_id = ANY(CAST({} AS bigint[])) AND time >= {} AND time <= {}) TO STDOUT").format(
        sql.SQL(", ").join(sql.Identifier(p) for p in POLLUTANTS), table, sql.Literal(list(station_ids)),
        sql.Literal(first), sql.Literal(last))
    buf = io.BytesIO()
    with connection.cursor() as cur, connection.wrap_database_errors, cur.cursor.copy(query) as copy:
        for chunk in copy:
            buf.write(chunk)
    names = ["station_id", "epoch", *POLLUTANTS]
    if not buf.tell():
        return np.empty(0, np.int64), np.empty(0), {p: np.empty(0) for p in POLLUTANTS}
    frame = pl.read_csv(buf.getvalue(), has_header=False, separator="\t", new_columns=names, null_values="\\N",
                        quote_char=None, schema={"station_id": pl.Int64, "epoch": pl.Float64,
                                                 **{p: pl.Float64 for p in POLLUTANTS}})
    return (frame["station_id"].to_numpy(), frame["epoch"].to_numpy(),
            {p: frame[p].fill_null(np.nan).to_numpy() for p in POLLUTANTS})


def _hour_rows(station_ids: list[int], first: dt.datetime, last: dt.datetime) -> list[tuple]:
    """``(station id, hour end as epoch seconds, *pollutants)`` of the stored hours (other backends than
    PostgreSQL), the epoch computed by the database where it can."""
    qn = connection.ops.quote_name
    epoch = "CAST(strftime('%%s', {}) AS INTEGER)" if connection.vendor == "sqlite" else None
    if epoch is None:
        rows = Reading.objects.filter(station_id__in=station_ids, time__gte=first, time__lte=last).values_list(
            "station_id", "time", *POLLUTANTS)
        return [(r[0], r[1].timestamp(), *r[2:]) for r in rows]
    marks = ", ".join(["%s"] * len(station_ids))
    sql = (f"SELECT {qn('station_id')}, {epoch.format(qn('time'))}, {', '.join(qn(p) for p in POLLUTANTS)} "
           f"FROM {qn(Reading._meta.db_table)} WHERE {qn('station_id')} IN ({marks}) AND {qn('time')} >= %s "
           f"AND {qn('time')} <= %s")
    with connection.cursor() as cur:
        cur.execute(sql, [*station_ids, db_time(first), db_time(last)])
        return cur.fetchall()


def _apply_flags(cube, index, start, first, last) -> None:
    tz = local_tz()
    flags = QualityFlag.objects.filter(station_id__in=list(index), start__lte=last, end__gte=first)
    for f in flags:
        lo, hi = max(f.start, first), min(f.end, last)
        pols = [f.pollutant] if f.pollutant else (DUST_POLLUTANTS if f.kind == "dust" else POLLUTANTS)
        t = lo
        while t <= hi:
            local = t.astimezone(tz) - dt.timedelta(hours=1)
            d = (local.date() - start).days
            for p in pols:
                cube[p][index[f.station_id], d, local.hour] = np.nan
            t += dt.timedelta(hours=1)


def daily_from_cube(cube: dict[str, np.ndarray], start: dt.date) -> dict[str, np.ndarray]:
    """Daily values ``(stations, days)``: rounded means, O3 max 8-h, O3 max 1-h, valid PM2.5 hours."""
    s, d, _ = cube["pm25"].shape
    out = {}
    for p in MEANS:
        mean = daily_mean_array(cube[p].reshape(s * d, 24)).reshape(s, d)
        out[p] = round_half_even_array(mean, DECIMALS[p])
    o3 = o3_daily_max_8h_array(cube["o3"], dates=[start + dt.timedelta(days=j) for j in range(d)])
    n_o3 = np.count_nonzero(~np.isnan(cube["o3"]), axis=2)
    with np.errstate(all="ignore"):
        o3_1h = np.where(n_o3 >= 20, np.nanmax(np.where(n_o3[..., None] > 0, cube["o3"], 0), axis=2), np.nan)
    out["o3_8h"], out["o3_1h_max"] = o3, o3_1h
    out["hours"] = np.count_nonzero(~np.isnan(cube["pm25"]), axis=2)
    return out


def daily_aqi(daily: dict[str, np.ndarray], dates: list[dt.date]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Daily AQI ``(aqi int16 -1 = none, primary mask, version per day)`` for ``(n, days)`` arrays."""
    shape = daily["pm25"].shape
    aqi = np.full(shape, -1, dtype=np.int16)
    primary = np.zeros(shape, dtype=np.uint8)
    versions = [version_for_date(d) for d in dates]
    for version in set(versions):
        cols = np.array([j for j, v in enumerate(versions) if v == version])
        values = {f"{p}_24h": daily[p][:, cols].ravel() for p in MEANS}
        values["o3_8h"] = daily["o3_8h"][:, cols].ravel()
        values["o3_1h"] = daily["o3_1h_max"][:, cols].ravel()
        res = aqi_daily_array(values, version=version)
        a = np.where(res.published, res.aqi, -1).reshape(shape[0], len(cols))
        aqi[:, cols] = a
        primary[:, cols] = res.primary.reshape(shape[0], len(cols))
    return aqi, primary, versions


def _nan_none(v) -> float | None:
    return None if np.isnan(v) else float(v)


def station_daily_compute(
    *, start: dt.date, end: dt.date, station_ids: list[int] | None = None, progress: bool = False
) -> int:
    """(Re)compute ``StationDaily`` for the days ``start..end``; returns station-days written."""
    ids = station_ids if station_ids is not None else list(Station.objects.values_list("id", flat=True))
    written = 0
    chunks = [ids[i : i + 50] for i in range(0, len(ids), 50)]
    if progress:
        from tqdm import tqdm

        chunks = tqdm(chunks, unit="50 stations", desc="daily values")
    for chunk in chunks:
        written += _compute_chunk(chunk, start, end)
    return written


@transaction.atomic
def _compute_chunk(ids: list[int], start: dt.date, end: dt.date) -> int:
    marks = list(DerivedPending.objects.filter(station_id__in=ids, date__gte=start, date__lte=end)
                 .values_list("id", "version"))  # read before the hours: cleared below at these versions
    objs = daily_objects(ids, hourly_cube(ids, start, end), start)
    StationDaily.objects.filter(station_id__in=ids, date__gte=start, date__lte=end).delete()
    StationDaily.objects.bulk_create(objs, batch_size=2000)
    for version in {v for _, v in marks}:
        DerivedPending.objects.filter(pk__in=[pk for pk, v in marks if v == version], version=version).delete()
    return len(objs)


def daily_objects(ids: list[int], cube: dict[str, np.ndarray], start: dt.date) -> list[StationDaily]:
    """Unsaved ``StationDaily`` rows of an hourly cube ``(stations, days, 24)`` whose days start at ``start``."""
    daily = daily_from_cube(cube, start)
    dates = [start + dt.timedelta(days=j) for j in range(cube["pm25"].shape[1])]
    aqi, primary, versions = daily_aqi(daily, dates)
    objs = []
    for i, sid in enumerate(ids):
        for j, day in enumerate(dates):
            if daily["hours"][i, j] == 0 and np.isnan(daily["o3_8h"][i, j]) and np.isnan(daily["so2"][i, j]):
                continue
            objs.append(StationDaily(
                station_id=sid, date=day, hours=int(daily["hours"][i, j]),
                o3_8h=_nan_none(daily["o3_8h"][i, j]), o3_1h_max=_nan_none(daily["o3_1h_max"][i, j]),
                aqi=None if aqi[i, j] < 0 else int(aqi[i, j]),
                primary=",".join(primary_names(int(primary[i, j]))) if aqi[i, j] >= 0 else "",
                version=versions[j], **{p: _nan_none(daily[p][i, j]) for p in MEANS},
            ))
    return objs


def group_daily(rows) -> dict[int, dict[dt.date, dict]]:
    out: dict[int, dict[dt.date, dict]] = defaultdict(dict)
    for r in rows:
        out[r["station_id"]][r["date"]] = r
    return out

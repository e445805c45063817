"""Adapter for the national monitoring centre's hourly publication (CNEMC).

Two layouts are read (format: ../shared/data/README.md):

* the per-hour file: one row per station-hour, columns ``timepoint,
  stationcode, longitude, latitude, area, positionname, primarypollutant, aqi,
  pm10, ...``. The ozone columns are mislabelled in this format: ``o3_24h``
  holds the latest 1-hour value (see ``VARIABLE_MAP``);
* the day file: ``date,hour,type,<station code>...`` with one row per hour and
  type; ``hour`` is the end of the hour (hour 0 = 23:00-24:00 of the day before).
  Station names and coordinates come from the national station list.

Only the 1-hour values and the published AQI/primary pollutant are stored; the
24-hour and 8-hour columns are the centre's own derivations and are recomputed
by the platform from the hourly values.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import io
import os
from collections.abc import Iterator

from . import columnar
from .rows import Row, local_tz

#: Per-hour layout: source column -> canonical name (docs/nomenclature.md).
VARIABLE_MAP = {
    "so2": "so2",
    "no2": "no2",
    "co": "co",
    "o3_24h": "o3",  # mislabelled: o3_24h is the latest 1-hour O3
    "pm10": "pm10",
    "pm2_5": "pm25",
}

#: Day-file layout: ``type`` value -> canonical name.
DAYFILE_MAP = {"SO2": "so2", "NO2": "no2", "CO": "co", "O3": "o3", "PM10": "pm10", "PM2.5": "pm25"}

#: Columns read only for station metadata or publication, and derived columns ignored on purpose.
DERIVED_COLUMNS = ("pm10_24h", "pm2_5_24h", "o3", "o3_8h", "o3_8h_24h", "no2_24h", "so2_24h", "co_24h")


def _open(path: str) -> io.TextIOBase:
    return open(path, encoding="utf-8-sig", newline="")


def detect_layout(path: str) -> str:
    """``"hourly"`` or ``"dayfile"`` from the header line."""
    with _open(path) as fh:
        header = fh.readline().strip().lower()
    if header.startswith("date,hour,type"):
        return "dayfile"
    if "timepoint" in header and "stationcode" in header:
        return "hourly"
    raise ValueError(f"{path}: not a national hourly publication file (unknown header) / 无法识别的文件格式")


def count_rows(path: str) -> int:
    """Station-hours in the file (for the progress bar)."""
    layout = detect_layout(path)
    with _open(path) as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if layout == "hourly":
            return sum(1 for _ in reader)
        hours = {(r[0], r[1]) for r in reader if r}
        return len(hours) * (len(header) - 3)


def read_hourly(path: str) -> Iterator[Row]:
    """Rows of the per-hour layout."""
    with _open(path) as fh:
        for line, rec in enumerate(csv.DictReader(fh), start=2):
            yield Row(
                line=line,
                station=(rec.get("stationcode") or "").strip(),
                time=(rec.get("timepoint") or "").strip(),
                values={canon: rec.get(src) for src, canon in VARIABLE_MAP.items()},
                published_aqi=rec.get("aqi") or "",
                published_primary=rec.get("primarypollutant") or "",
                meta={
                    "name": rec.get("positionname"), "area": rec.get("area"),
                    "lon": rec.get("longitude"), "lat": rec.get("latitude"),
                },
            )


def load_station_list(path: str | None) -> dict[str, dict]:
    """The national station list: code -> {name, area, lon, lat} (empty without a file)."""
    if not path or not os.path.exists(path):
        return {}
    out = {}
    with _open(path) as fh:
        reader = csv.reader(fh)
        next(reader, None)
        for rec in reader:
            if len(rec) >= 5:
                code, name, city, lon, lat = (c.strip() for c in rec[:5])
                out[code] = {"name": name, "area": city, "lon": lon, "lat": lat}
    return out


def default_station_list(path: str) -> str | None:
    """A ``national_station_list_*.csv`` beside the data file, if any (newest name first)."""
    found = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(path)), "national_station_list_*.csv")))
    return found[-1] if found else None


def _hour_end(date_text: str, hour_text: str) -> dt.datetime:
    day = dt.datetime.strptime(date_text.strip(), "%Y%m%d")
    hour = int(hour_text)
    if not 0 <= hour <= 23:
        raise ValueError(f"hour {hour} out of range")
    return (day + dt.timedelta(hours=hour)).replace(tzinfo=local_tz())


def read_dayfile(path: str, stations: dict[str, dict] | None = None) -> Iterator[Row]:
    """Rows of the day-file layout: one per station and hour (empty station-hours skipped)."""
    stations = stations or {}
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    order: list[tuple[str, str]] = []
    with _open(path) as fh:
        reader = csv.reader(fh)
        header = next(reader)
        codes = [c.strip() for c in header[3:]]
        for rec in reader:
            if not rec:
                continue
            key = (rec[0], rec[1])
            if key not in groups:
                groups[key] = {}
                order.append(key)
            groups[key][rec[2].strip()] = rec[3:]
    line = 1
    for key in order:
        types = groups[key]
        try:
            when: dt.datetime | str = _hour_end(*key)
        except ValueError:
            when = f"{key[0]} {key[1]}"
        for i, code in enumerate(codes):
            line += 1
            values = {canon: _cell(types.get(src), i) for src, canon in DAYFILE_MAP.items()}
            aqi = _cell(types.get("AQI"), i)
            if all(v in (None, "") for v in values.values()) and aqi in (None, ""):
                continue  # the station published nothing this hour
            yield Row(line=line, station=code, time=when, values=values, published_aqi=aqi or "",
                      meta=stations.get(code, {"name": code}))


def _cell(cells: list[str] | None, i: int) -> str | None:
    if cells is None or i >= len(cells):
        return None
    return cells[i]


def read(path: str, *, station_list: str | None = None) -> Iterator[Row]:
    """Rows of either layout."""
    if detect_layout(path) == "hourly":
        return read_hourly(path)
    return read_dayfile(path, load_station_list(station_list or default_station_list(path)))


def hourly_columns(path: str, target: columnar.Target) -> columnar.Columns | None:
    """The per-hour layout read whole by polars for the columnar fast path, checked against ``target``, or
    None when the row path must report problems (a record longer than the header, a non-numeric value
    cell, a missing column...)."""
    import polars as pl

    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8", empty_string_is_null=False)
        frame = frame.rename({c: c.strip().lstrip("\ufeff") for c in frame.columns})
        frame = frame.select(
            pl.col("stationcode").alias("code"), pl.col("timepoint").alias("time"),
            *(columnar.number(src).alias(canon) for src, canon in VARIABLE_MAP.items()),
            columnar.number("aqi"), pl.col("primarypollutant").alias("primary"),
            pl.col("positionname"), pl.col("area"), pl.col("longitude"), pl.col("latitude"),
        )
    except (pl.exceptions.PolarsError, KeyError):
        return None
    firsts = frame.with_columns(pl.col("code").str.strip_chars()).unique("code", keep="first", maintain_order=True)
    metas = {
        code: {"name": name, "area": area, "lon": lon, "lat": lat}
        for code, name, area, lon, lat in firsts.select("code", "positionname", "area", "longitude", "latitude").iter_rows()
        if code not in target.stations
    }
    return columnar.prepare(frame.select("code", "time", *VARIABLE_MAP.values(), "aqi", "primary"), metas, target)


def dayfile_columns(path: str, target: columnar.Target, station_list: str | None = None) -> columnar.Columns | None:
    """The day layout reshaped by polars to one row per station-hour for the columnar fast path, in the
    row path's order and line numbering (``read_dayfile``); None when the row path must read it (a
    repeated hour-and-type record, a repeated station column, a bad date or hour, a non-numeric cell...)."""
    import polars as pl

    try:
        wide, codes, when = _day_records(path)
        frame = _station_hours(wide, codes, when).select(
            "line", "code", "time", *(columnar.number(src).alias(canon) for src, canon in DAYFILE_MAP.items()),
            columnar.number("AQI").alias("aqi"), pl.lit("").alias("primary"),
        )
    except (pl.exceptions.PolarsError, ValueError):
        return None
    stations = load_station_list(station_list or default_station_list(path))
    metas = {code: stations.get(code, {"name": code}) for code in frame["code"].unique().to_list()}
    return columnar.prepare(frame, metas, target)


#: Day-layout record types read (the others, 24-hour and 8-hour derivations, are ignored).
DAY_TYPES = [*DAYFILE_MAP, "AQI"]


def _day_records(path: str):
    """``(records of the types read, station codes, {(date, hour): ISO hour end})``; ``ValueError`` when the
    file is not a clean day file (repeated station column or hour-and-type record, bad date or hour)."""
    import polars as pl

    wide = pl.read_csv(path, infer_schema=False, empty_string_is_null=False)
    codes = [c.strip() for c in wide.columns[3:]]
    if [c.strip().lstrip("\ufeff") for c in wide.columns[:3]] != ["date", "hour", "type"]:
        raise ValueError("not a day file")
    if len(set(codes)) != len(codes):
        raise ValueError("repeated station column")
    wide = wide.rename(dict(zip(wide.columns, ["date", "hour", "type", *codes], strict=True)))
    wide = wide.with_columns(pl.col("type").str.strip_chars()).filter(pl.col("type").is_in(DAY_TYPES))
    if wide.select(pl.struct("date", "hour", "type").is_duplicated().any()).item():
        raise ValueError("repeated hour and type")
    keys = wide.select("date", "hour").unique(maintain_order=True).rows()
    return wide, codes, {key: _hour_end(*key).isoformat() for key in keys}


def _station_hours(wide, codes: list[str], when: dict[tuple[str, str], str]):
    """One row per station and hour with a cell per type (missing types as null), empty ones dropped, each
    with the line number ``read_dayfile`` gives it (hours in file order, stations in column order)."""
    import polars as pl

    keys = list(when)
    hours = pl.DataFrame({"date": [k[0] for k in keys], "hour": [k[1] for k in keys], "time": list(when.values()),
                          "first": range(0, len(keys) * len(codes), len(codes))}, schema_overrides={"first": pl.Int64})
    position = {code: i + 2 for i, code in enumerate(codes)}
    long = (wide.unpivot(index=["date", "hour", "type"], variable_name="code", value_name="cell")
            .pivot(on="type", index=["date", "hour", "code"], values="cell"))
    return (
        long.with_columns(*(pl.lit(None, pl.String).alias(t) for t in DAY_TYPES if t not in long.columns))
        .join(hours, on=["date", "hour"])
        .with_columns((pl.col("first") + pl.col("code").replace_strict(position, return_dtype=pl.Int64)).alias("line"))
        .filter(~pl.all_horizontal((pl.col(t).is_null() | (pl.col(t) == "")) for t in DAY_TYPES))
        .sort("line")
    )

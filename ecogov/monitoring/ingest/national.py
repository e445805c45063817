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

import numpy as np

from .base import Row, local_tz

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


def _split_rows(text: str) -> list[list[str]]:
    """CSV records of a file's text (the csv module's cells; ``str.split`` when nothing is quoted)."""
    text = text.replace("\r\n", "\n")
    if '"' in text or "\r" in text:
        return list(csv.reader(io.StringIO(text, newline="")))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split(",") if line else [] for line in lines]


def table_columns(text: str) -> tuple[list[str], list[list[str]]] | None:
    """``(header, columns)`` of a CSV text whose records all have the header's length, else None.

    Unquoted files (the national publication) are split in one pass: every cell of the body at once,
    after checking with numpy that each line has exactly the header's number of commas, so the cells
    cannot shift between columns. Quoted files go through the csv module.
    """
    text = text.replace("\r\n", "\n")
    if '"' in text or "\r" in text:
        rows = _split_rows(text)
        if len(rows) < 2 or any(len(r) != len(rows[0]) for r in rows[1:]):
            return None
        return rows[0], [list(c) for c in zip(*rows[1:], strict=True)]
    head, _, body = text.partition("\n")
    body = body[:-1] if body.endswith("\n") else body
    if not body:
        return None
    header = head.split(",")
    raw = np.frombuffer(body.encode("utf-8"), dtype=np.uint8)
    commas = np.concatenate(([0], np.cumsum(raw == ord(","))))
    ends = np.concatenate((np.flatnonzero(raw == ord("\n")), [len(raw)]))
    per_line = np.diff(np.concatenate(([0], commas[ends])))
    if np.any(per_line != len(header) - 1):
        return None
    cells = body.replace("\n", ",").split(",")
    return header, [cells[j :: len(header)] for j in range(len(header))]


def hourly_columns(path: str, ingestor):
    """The per-hour layout parsed column-wise for the fast path, or None when the row path must report problems."""
    from . import columnar

    with _open(path) as fh:
        table = table_columns(fh.read())
    if table is None:
        return None
    header, columns = table
    cols = dict(zip((h.strip() for h in header), columns, strict=True))
    n_rows = len(columns[0])
    try:
        values = {canon: columnar.floats(cols[src]) for src, canon in VARIABLE_MAP.items()}
        aqi = columnar.floats(cols["aqi"])
        primary = cols["primarypollutant"]
        codes = [c.strip() for c in cols["stationcode"]]
    except (KeyError, ValueError):
        return None
    metas = {}
    for i, code in enumerate(codes):
        if code not in metas and code not in ingestor.stations:
            metas[code] = {"name": cols["positionname"][i], "area": cols["area"][i],
                           "lon": cols["longitude"][i], "lat": cols["latitude"][i]}
    return columnar.prepare(ingestor, lines=list(range(2, n_rows + 2)), codes=codes,
                            time_texts=list(cols["timepoint"]), values=values, aqi=aqi, primary=primary, metas=metas,
                            raw={canon: cols[src] for src, canon in VARIABLE_MAP.items()})

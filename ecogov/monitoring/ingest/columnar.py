"""Columnar checks for large, clean files (polars): the row path's rules on whole columns.

A whole file is held as one polars frame and checked column by column with the
same rules as the row path (``rows.clean_values`` limits, ``parse_hour``, AQI
range, duplicates). Values that fail a range check are set to null with their
reason (:func:`refuse_out_of_range`), exactly as the row path does. If anything
would REJECT a row (bad timestamp, missing station code, duplicate, bad AQI, a
non-numeric cell, an unknown station where none may be created),
:func:`prepare` declines and the row path reports every problem row by row; so
both paths give the same rows. Nothing here touches the database: the writer
(``monitoring.writer.write_columns``) stores the checked columns.

The frame given to :func:`prepare` has the columns ``code``, ``time`` (text),
the canonical pollutants (Float64), ``aqi`` (Float64), ``primary`` (text) and
optionally ``line`` (the source line of each row; else counted from 2).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..choices import POLLUTANTS
from .rows import NA_TOKENS, PLAUSIBLE_MAX, RowError, normalise_primary, parse_hour, range_reason

if TYPE_CHECKING:
    import polars as pl


def number(name: str) -> pl.Expr:
    """A text column as Float64 (NA tokens -> null); the cast fails on anything that is not a number."""
    import polars as pl

    text = pl.col(name).str.strip_chars()
    return pl.when(text.is_in(list(NA_TOKENS))).then(None).otherwise(text).cast(pl.Float64, strict=True).alias(name)


@dataclass(frozen=True)
class Target:
    """What a frame is checked against: the codes of the stored stations, the latest hour accepted, and
    whether unknown stations are created (otherwise a row of one would be refused)."""

    stations: Collection[str]
    latest: dt.datetime
    create_stations: bool


class Columns:
    """A checked file: ``frame`` (``line, code, when, <pollutants>, aqi, primary``), hours and new-station metas."""

    def __init__(self, frame: pl.DataFrame, hours: dict[str, dt.datetime], metas: dict[str, dict]):
        self.frame, self.hours, self.metas = frame, hours, metas

    def __len__(self) -> int:
        return self.frame.height


def prepare(frame: pl.DataFrame, metas: dict[str, dict], target: Target) -> Columns | None:
    """Checks that would reject a row -> None (use the row path); otherwise the columns to ingest."""
    import polars as pl

    if not frame.height:
        return None
    frame = frame.with_columns(pl.col("code").str.strip_chars())
    if frame.select((pl.col("code").is_null() | (pl.col("code") == "") | pl.col("time").is_null()).any()).item():
        return None
    hours = _hours(frame, target.latest)
    if hours is None:
        return None
    iso = {text: when.isoformat() for text, when in hours.items()}
    frame = frame.with_columns(pl.col("time").replace_strict(iso, return_dtype=pl.String).alias("when"))
    if _refused(frame, target):
        return None
    primary = {p: normalise_primary(p or "") for p in frame["primary"].unique().to_list()}
    frame = frame.with_columns(pl.col("primary").replace_strict(primary, return_dtype=pl.String))
    if "line" not in frame.columns:
        frame = frame.with_columns(pl.int_range(2, frame.height + 2).alias("line"))
    return Columns(frame, hours, {c: m for c, m in metas.items() if c not in target.stations})


def _hours(frame: pl.DataFrame, latest: dt.datetime) -> dict[str, dt.datetime] | None:
    """``parse_hour`` of each distinct time text, or None when one of them is refused."""
    hours: dict[str, dt.datetime] = {}
    for text in frame["time"].unique().to_list():
        try:
            hours[text] = parse_hour(text.strip(), latest=latest)
        except RowError:
            return None
    return hours


def _refused(frame: pl.DataFrame, target: Target) -> bool:
    """True when the row path would refuse a row: a repeated station-hour, a bad published AQI, an infinite
    value, or an unknown station where none may be created."""
    import polars as pl

    if frame.select(pl.struct("code", "when").is_duplicated().any()).item():
        return True
    aqi = pl.col("aqi")
    if frame.select(((aqi < 0) | (aqi > 500) | (aqi != aqi.round())).any()).item():
        return True
    if frame.select(pl.any_horizontal(pl.col(*POLLUTANTS, "aqi").is_infinite()).any()).item():
        return True
    return not target.create_stations and not frame["code"].is_in(list(target.stations)).all()


def refuse_out_of_range(cols: Columns) -> list[tuple[int, str, str, str | None]]:
    """Null out negative or implausible values (the limits of ``rows.clean_values``) and add their reasons as
    the ``invalid`` column (JSON text, ``{}`` for clean rows). Returns ``(line, station code, pollutant,
    reason)`` of each refused value, pollutant by pollutant."""
    import polars as pl

    frame = cols.frame
    refused = {p: (pl.col(p) < 0) | (pl.col(p) > PLAUSIBLE_MAX[p]) for p in POLLUTANTS}
    reasons: dict[int, dict[str, str | None]] = {}
    found: list[tuple[int, str, str, str | None]] = []
    for pol, mask in refused.items():
        for i in frame.select(pl.arg_where(mask)).to_series().to_list():
            reason = range_reason(pol, float(frame[pol][i]))
            reasons.setdefault(i, {})[pol] = reason
            found.append((int(frame["line"][i]), frame["code"][i], pol, reason))
    nulled = [pl.when(mask).then(None).otherwise(pl.col(p)).alias(p) for p, mask in refused.items()]
    if reasons:
        texts = ["{}"] * frame.height
        for i, why in reasons.items():
            texts[i] = json.dumps(why, ensure_ascii=False)
        invalid = pl.Series("invalid", texts, pl.String)
    else:
        invalid = pl.repeat("{}", frame.height, dtype=pl.String, eager=True).alias("invalid")
    cols.frame = frame.with_columns(*nulled, invalid)
    return found

"""API schemas (ninja) of the source inventory."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class SourceOut(Schema):
    id: int
    code: str
    kind: str
    kind_label: str
    name: str
    address: str
    jurisdiction_code: str = Field(..., alias="jurisdiction.code")
    geometry: dict[str, Any]
    lon: float
    lat: float
    state: str
    state_label: str
    holder: str
    dust_level: str
    cover_state: str
    bare_class: str
    has_purifier: bool | None = None
    last_checked: dt.date | None = None


class SourceIn(Schema):
    code: str
    kind: str
    name: str
    jurisdiction: str = Field(..., description="administrative code of the street or grid cell")
    geometry: dict[str, Any] | None = Field(None, description="GeoJSON Point, LineString or Polygon")
    lon: float | None = None
    lat: float | None = None
    datum: str = Field("wgs84", description="wgs84 or gcj02: the datum of the coordinates given")
    address: str = ""
    holder: str = ""
    holder_phone: str = ""
    dust_level: str = ""
    cover_state: str = ""
    bare_class: str = ""
    has_purifier: bool | None = None
    state: str = "active"
    note: str = ""


class SourcePatch(Schema):
    name: str | None = None
    jurisdiction: str | None = None
    geometry: dict[str, Any] | None = None
    datum: str = "wgs84"
    address: str | None = None
    holder: str | None = None
    holder_phone: str | None = None
    dust_level: str | None = None
    cover_state: str | None = None
    bare_class: str | None = None
    has_purifier: bool | None = None
    state: str | None = None
    note: str | None = None


class SourceQuery(Schema):
    q: str | None = None
    kind: str | None = None
    state: str | None = None
    area: str | None = None
    dust_level: str | None = None
    cover_state: str | None = None
    unchecked_since: dt.date | None = None


class PatrolCheckIn(Schema):
    date: dt.date
    outcome: str = Field(..., description="ok, problem or closed")
    findings: str = ""
    dust_level: str = ""
    cover_state: str = ""
    raise_ledger: bool = Field(False, description="a problem found also opens a rectification ledger item")


class PatrolCheckOut(Schema):
    id: int
    source_id: int
    date: dt.date
    outcome: str
    outcome_label: str
    findings: str
    dust_level: str
    cover_state: str
    ledger_ref: str


class CheckQuery(Schema):
    q: str | None = None
    outcome: str | None = None
    kind: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class NearOut(Schema):
    source: SourceOut
    distance_m: float

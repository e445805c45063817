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


class MobileReadingIn(Schema):
    time: dt.datetime
    lon: float
    lat: float
    pm10: float = Field(..., description="µg/m³, 0-5000")
    pm25: float = Field(..., description="µg/m³, 0-5000")
    tsp: float | None = Field(None, description="µg/m³, 0-5000 (optional)")
    datum: str | None = Field(None, description="wgs84 or gcj02; default: the run's datum")


class MobileRunIn(Schema):
    vehicle: str = ""
    note: str = ""
    date: dt.date | None = Field(None, description="default: the date of the first reading")
    datum: str = Field("wgs84", description="wgs84 or gcj02: the datum of the readings' coordinates")
    readings: list[MobileReadingIn]


class MobileRunOut(Schema):
    id: int
    reference: str
    vehicle: str
    date: dt.date
    datum: str
    note: str
    n_readings: int
    n_matched: int
    n_unmatched: int
    n_roads: int


class MobileRoadOut(Schema):
    source_id: int
    source_code: str = Field(..., alias="source.code")
    source_name: str = Field(..., alias="source.name")
    n_readings: int
    mean_pm10: float
    mean_pm25: float
    dust_level: str
    dust_level_label: str
    applied: bool


class MobileRunDetailOut(MobileRunOut):
    created: bool = True
    roads: list[MobileRoadOut]


class MobileRunQuery(Schema):
    vehicle: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

"""API schemas (ninja) of third-party supervision."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class StationOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    jurisdiction_code: str = Field(..., alias="jurisdiction.code")
    opens: dt.time
    closes: dt.time
    active: bool


class StationQuery(Schema):
    q: str | None = None
    kind: str | None = None


class RecordIn(Schema):
    station: str = Field(..., description="station code")
    line: str = ""
    record_no: str
    plate: str
    method: str = Field(..., description="idle, asm, vmas, lug_down, free_accel or lab")
    started_at: dt.datetime
    ended_at: dt.datetime
    result: str = Field(..., description="pass or fail")
    curve: list[float] = Field(default_factory=list, description="readings per second")


class RecordOut(Schema):
    id: int
    station_code: str = Field(..., alias="station.code")
    record_no: str
    plate: str
    method: str
    started_at: dt.datetime
    ended_at: dt.datetime
    result: str


class RecordQuery(Schema):
    plate: str | None = None
    station: str | None = None
    method: str | None = None
    result: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class HitOut(Schema):
    id: int
    kind: str
    station_code: str = Field(..., alias="station.code")
    record_no: str = Field(..., alias="record.record_no")
    plate: str = Field(..., alias="record.plate")
    other_id: int | None = None
    detail: str
    found_on: dt.date
    status: str
    case_no: str


class HitQuery(Schema):
    kind: str | None = None
    status: str | None = None
    station: str | None = None


class RecordsImportOut(Schema):
    created: int


class ImportUpdatedOut(Schema):
    created: int
    updated: int


class RateRowOut(Schema):
    area: str = Field(..., description="district of the producers, or the total of your scope")
    records: int
    tonnes: float = Field(..., description="tonnes collected [t]")
    in_city: float = Field(..., description="tonnes handled by licensed handlers in the city [t]")
    outside: float = Field(..., description="tonnes handled outside the city [t]")
    rate: float | None = Field(None, description="in-city disposal rate [%]")


class RateQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


class ReferIn(Schema):
    facts: str = ""


class DismissIn(Schema):
    reason: str


class CollectionOut(Schema):
    id: int
    manifest_no: str
    producer: str = Field(..., alias="producer.name")
    handler: str = Field(..., alias="handler.name")
    in_city: bool = Field(..., alias="handler.in_city")
    waste_code: str
    tonnes: float
    collected_on: dt.date


class CollectionQuery(Schema):
    year: int | None = None
    point: str | None = None
    in_city: bool | None = None


class WasteFiguresOut(Schema):
    points: int
    units_served: int
    tonnes: float
    in_city: float
    rate: float | None = Field(None, description="in-city disposal rate [%]")
    sources_disused: int
    sources_stored: int
    source_holders: int
    storage_rate: float | None = Field(None, description="disused radioactive sources sent to storage [%]")


class TruckViolationOut(Schema):
    id: int
    plate: str = Field(..., alias="truck.plate")
    kind: str
    at: dt.datetime
    lon: float
    lat: float
    detail: str


class TruckViolationQuery(Schema):
    kind: str | None = None
    plate: str | None = None

"""API schemas (ninja) of the rectification ledger."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class RectificationItemOut(Schema):
    id: int
    uscc: str = Field(..., alias="supervised_object.uscc")
    name: str = Field(..., alias="supervised_object.name")
    problem: str
    deadline: dt.date
    status: str
    status_label: str
    closed_date: dt.date | None = None
    source_inspection_id: int


class ItemQuery(Schema):
    q: str | None = None
    status: str | None = None
    inspection: int | None = None


class CloseIn(Schema):
    closed_date: dt.date

"""API schemas (ninja) of the briefings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema


class BriefingOut(Schema):
    id: int
    kind: str
    title: str
    period_code: str
    jurisdiction_id: int
    status: str
    year: int | None = None
    number: int | None = None
    version: int
    issued_date: dt.date | None = None
    issuing_office: str
    docx_sha256: str
    pdf_sha256: str
    supersedes_id: int | None = None


class BriefingDetailOut(BriefingOut):
    content: dict[str, Any]


class BriefingQuery(Schema):
    kind: str | None = None
    status: str | None = None
    period: str | None = None
    year: int | None = None


class GenerateIn(Schema):
    kind: str
    period: str
    jurisdiction: str | None = None  # administrative code; default: the user's own area


class IssueIn(Schema):
    issued_date: dt.date | None = None
    issuing_office: str = ""
    number: int | None = None  # continue a series begun on paper; default: the next number


class TypeOut(Schema):
    kind: str
    name: str
    issuing_office: str
    sections: list[str]
    has_template: bool

"""Core API schemas."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from .params import MAX_YEAR, MIN_YEAR


class JurisdictionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None = None
    path: str

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    jurisdiction: JurisdictionOut | None = None
    enterprise_id: int | None = None
    is_superuser: bool


# Bounded input types, shared by every app's schemas: the OpenAPI schema states the bound
# and the server refuses anything outside it with a 422 (never a 500, never unbounded work).
# Years, dates and times lie in 2000-2100 (core.params.MIN_YEAR..MAX_YEAR).
def _in_years(value):
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"must lie between {MIN_YEAR} and {MAX_YEAR}")
    return value


_YEARS = r"^(20[0-9]{2}|2100)-"
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description=f"a year, {MIN_YEAR}-{MAX_YEAR}")]
Month = Annotated[int, Field(ge=1, le=12, description="a month, 1-12")]
Day = Annotated[dt.date, AfterValidator(_in_years),
                Field(json_schema_extra={"pattern": _YEARS + r"[0-9]{2}-[0-9]{2}$"},
                      description=f"a date (YYYY-MM-DD) in {MIN_YEAR}-{MAX_YEAR}")]
Moment = Annotated[dt.datetime, AfterValidator(_in_years),
                   Field(json_schema_extra={"pattern": _YEARS}, description=f"a date and time in {MIN_YEAR}-{MAX_YEAR}")]
PositiveId = Annotated[int, Field(ge=1, le=2**63 - 1, description="an id")]
#: Text a rule requires: at least one character that is not white space.
NonBlank = Annotated[str, Field(pattern=r"\S", description="text, not blank")]


def bounded_range(start, end, *, max_days: int) -> None:
    """Refuse an inverted range or one longer than ``max_days`` (a ``model_validator`` body)."""
    if end <= start:
        raise ValueError("end must be after start")
    if (end - start) > dt.timedelta(days=max_days):
        raise ValueError(f"the range may span at most {max_days} days")

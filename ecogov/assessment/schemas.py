"""Assessment API schemas."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class PeriodQuery(Schema):
    year: int | None = None
    period: str = "ytd"
    level: str = ""


class AirItemOut(Schema):
    n: int
    mean: float | None = None
    percentile: float | None = None
    p: int
    mean_limit: float | None = None
    percentile_limit: float
    mean_ok: bool | None = None
    percentile_ok: bool | None = None
    ok: bool | None = None
    valid: bool


class AirOut(Schema):
    code: str
    name: str
    start: str
    end: str
    rank: int | None = None
    rank_previous: int | None = None
    rank_change: int | None = None
    composite: float | None = None
    compliant: bool | None = None
    items: dict[str, AirItemOut]
    good_days: int
    valid_days: int
    good_ratio: float | None = None
    heavy_days: int
    capture: float
    data_valid: bool
    pm25_change: float | None = None
    pm25_change_pct: float | None = None
    good_ratio_change: float | None = None
    composite_change_pct: float | None = None


class CityRankOut(Schema):
    city: str
    rank: int | None = None
    rank_previous: int | None = None
    rank_change: int | None = None
    composite: float | None = None
    pm25: float | None = None
    good_ratio: float | None = None
    is_self: bool
    source: str = ""


class SectionOut(Schema):
    code: str
    name: str
    level: str = ""
    n_samples: int
    klass: int | None = None
    class_label: str
    target: int
    compliant: bool | None = None
    main_pollutants: list[list[Any]]
    previous_klass: int | None = None


class LevelOut(Schema):
    level: str
    sections: int
    evaluated: int
    good: int
    bad: int
    good_ratio: float | None = None
    previous_good_ratio: float | None = None
    ratio_change: float | None = None
    meeting_target: int


class WaterOut(Schema):
    levels: list[LevelOut]
    sections: list[SectionOut]
    rivers: list[dict[str, Any]]
    lakes: list[dict[str, Any]]


class DrinkingOut(Schema):
    summary: dict[str, Any]
    sources: list[SectionOut]


class ScorecardQuery(Schema):
    year: int | None = None
    level: str = "district"


class IndicatorScoreOut(Schema):
    value: float | None = None
    score: float | None = None
    coverage: float | None = None
    status: str = ""
    weight: float | None = None
    detail: dict[str, Any] = {}


class ScorecardOut(Schema):
    unit: str
    peer_group: str
    score: float | None = None
    score_before_veto: float | None = None
    rank: int | None = None
    rank_change: int | None = None
    grade: str
    veto: dict[str, Any] | None = None
    indicators: dict[str, IndicatorScoreOut]
    methodology: dict[str, Any]


class IndicatorOut(Schema):
    key: str
    label: str
    unit: str
    direction: str
    min_coverage: float


class YearQuery(Schema):
    year: int | None = None


class ExamOut(Schema):
    code: str
    name: str
    category: str
    unit: str
    target: float
    direction: str
    value: float | None = None
    status: str
    source: str
    department: str
    evidence: str


class ProjectOut(Schema):
    code: str
    name: str
    programme: str
    category: str
    unit: str
    year: int
    planned: float
    actual: float
    investment_rate: float | None = None
    progress: int
    expected: int
    state: str


class CompensationQuery(Schema):
    year: int | None = None
    agreement: int | None = None


class CompensationOut(Schema):
    agreement: str
    rows: list[dict[str, Any]]
    to_upstream: float
    to_downstream: float
    net_to_upstream: float
    paid_total: float

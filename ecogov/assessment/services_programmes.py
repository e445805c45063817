"""Writes of the exam paper and the project register: yearly indicator values and the all-or-nothing
.xlsx import of projects (every bad row reported with its number and reason)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from ecogov.core.audit import audit_record
from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import Column, ImportResult, import_rows, read_xlsx
from ecogov.core.models import Jurisdiction
from ecogov.core.permissions import require

from .models import EcoIndicator, EcoIndicatorValue, Programme, Project


def _bad(field: str, zh: str, en: str) -> ValidationFailed:
    return ValidationFailed("bad_value", zh, en, detail={"errors": {field: {"zh": zh, "en": en}}})


def _decimal(field: str, raw: Any) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as exc:
        raise _bad(field, f"{field} 不是数字：{raw}", f"{field} is not a number: {raw}") from exc
    if value < 0:
        raise _bad(field, f"{field} 不能为负数", f"{field} cannot be negative")
    return value


def _date(field: str, raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError as exc:
        raise _bad(field, f"{field} 日期格式应为 YYYY-MM-DD：{raw}", f"{field}: date YYYY-MM-DD expected: {raw}") from exc


IMPORT_COLUMNS = [
    Column("code", "项目编号", "Code", required=True, example="KP-2026-001"),
    Column("name", "项目名称", "Project", required=True, example="城区雨污分流改造一期"),
    Column("programme", "所属计划", "Programme", required=True, example="58个重点项目", help_zh="须为已有计划的名称"),
    Column("category", "类别", "Category", required=True, example="水污染防治"),
    Column("unit", "责任单位代码", "Responsible unit code", required=True, example="369902"),
    Column("year", "年度", "Year", required=True, example=2026),
    Column("planned", "计划投资(万元)", "Planned (CNY 10k)", required=True, example=1200),
    Column("actual", "完成投资(万元)", "Actual (CNY 10k)", example=300),
    Column("start", "开工日期", "Start", required=True, example="2026-03-01"),
    Column("deadline", "计划完成", "Deadline", required=True, example="2026-12-31"),
    Column("progress", "形象进度(%)", "Progress (%)", example=25),
]


def _project_row(row: dict[str, Any], actor) -> bool:
    for col in IMPORT_COLUMNS:
        if col.required and row.get(col.key) in (None, ""):
            raise _bad(col.key, f"缺少{col.header_zh}", f"{col.header_en} is required")
    programme = Programme.objects.filter(name=str(row["programme"]).strip()).first()
    if programme is None:
        raise _bad("programme", f"没有名为“{row['programme']}”的计划", f"No programme named {row['programme']!r}")
    unit = Jurisdiction.objects.filter(code=str(row["unit"]).strip()).first()
    if unit is None:
        raise _bad("unit", f"没有代码为 {row['unit']} 的单位", f"No unit with code {row['unit']}")
    progress = int(_decimal("progress", row.get("progress") or 0))
    if progress > 100:
        raise _bad("progress", "形象进度不能超过 100%", "Progress cannot exceed 100 %")
    start, deadline = _date("start", row["start"]), _date("deadline", row["deadline"])
    if deadline < start:
        raise _bad("deadline", "计划完成日期早于开工日期", "The deadline is before the start")
    obj, created = Project.objects.update_or_create(code=str(row["code"]).strip(), defaults={
        "name": str(row["name"]).strip(), "programme": programme, "category": str(row["category"]).strip(),
        "jurisdiction": unit, "year": int(_decimal("year", row["year"])),
        "planned_investment": _decimal("planned", row["planned"]),
        "actual_investment": _decimal("actual", row.get("actual") or 0), "start": start, "deadline": deadline,
        "progress": progress})
    audit_record(actor=actor, obj=obj, event="create" if created else "update", note="import")
    return created


@transaction.atomic
def projects_import(*, file, actor) -> ImportResult:
    """Import projects from .xlsx (create or update by code): all rows or none."""
    require(actor, "add", Project)
    return import_rows(read_xlsx(file.read(), IMPORT_COLUMNS), lambda row: _project_row(row, actor))


@transaction.atomic
def eco_value_set(*, indicator: EcoIndicator, year: int, value: float, evidence: str, actor) -> EcoIndicatorValue:
    """Enter (or correct) the year's value of an entered indicator, with its evidence."""
    require(actor, "change", EcoIndicatorValue)
    if indicator.computed:
        raise ValidationFailed("computed_indicator", "该指标由平台自动计算，不能填报",
                               "The platform computes this indicator; it cannot be entered")
    obj, created = EcoIndicatorValue.objects.update_or_create(indicator=indicator, year=year,
                                                              defaults={"value": value, "evidence": evidence})
    audit_record(actor=actor, obj=obj, event="create" if created else "update", changes={"value": [None, value]})
    return obj


ECO_IMPORT_COLUMNS = [
    Column("code", "指标编号", "Indicator code", required=True, example="EC06"),
    Column("year", "年度", "Year", required=True, example=2025),
    Column("value", "数值", "Value", required=True, example=67.25),
    Column("evidence", "佐证", "Evidence", example="市林业局年度统计公报"),
]


def _eco_row(row: dict[str, Any], actor) -> bool:
    for col in ECO_IMPORT_COLUMNS:
        if col.required and row.get(col.key) in (None, ""):
            raise _bad(col.key, f"缺少{col.header_zh}", f"{col.header_en} is required")
    indicator = EcoIndicator.objects.filter(code=str(row["code"]).strip()).first()
    if indicator is None:
        raise _bad("code", f"没有编号为 {row['code']} 的指标", f"No indicator with code {row['code']}")
    try:
        value = float(row["value"])
    except (TypeError, ValueError) as exc:
        raise _bad("value", f"数值不是数字：{row['value']}", f"Not a number: {row['value']}") from exc
    year = int(_decimal("year", row["year"]))
    existed = EcoIndicatorValue.objects.filter(indicator=indicator, year=year).exists()
    eco_value_set(indicator=indicator, year=year, value=value, evidence=str(row.get("evidence") or ""), actor=actor)
    return not existed


@transaction.atomic
def eco_values_import(*, file, actor) -> ImportResult:
    """Import yearly values of the entered indicators from .xlsx: all rows or none."""
    require(actor, "change", EcoIndicatorValue)
    return import_rows(read_xlsx(file.read(), ECO_IMPORT_COLUMNS), lambda row: _eco_row(row, actor))

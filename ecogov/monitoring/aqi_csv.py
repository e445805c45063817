"""CSV logic of ``ecogov aqi``: concentrations in, IAQI/AQI/primary/level/category out.

Plain module (no Django) over :mod:`ecogov.standards`; the management command
``aqi`` is a thin wrapper.  Bad rows are reported with their line numbers and
written with empty results, never dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from ecogov.standards import aqi_daily, aqi_hourly, version_for_date
from ecogov.standards.hj633 import MISSING_POLICIES

__all__ = ["REPORT_COLUMNS", "RowError", "AqiCsvResult", "process_csv", "convert_file", "DATE_COLUMNS"]

#: Input columns per report, named as in the shared test vectors.
REPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "hourly": ("so2_1h", "no2_1h", "co_1h", "o3_1h", "pm10_1h", "pm25_1h"),
    "daily": ("so2_24h", "no2_24h", "co_24h", "o3_1h", "o3_8h", "pm10_24h", "pm25_24h"),
}
_COMPUTE: dict[str, Callable] = {"hourly": aqi_hourly, "daily": aqi_daily}
#: Without --version, the version is chosen per row from the first of these columns (ISO date).
DATE_COLUMNS: tuple[str, ...] = ("date", "datetime", "timepoint", "time")
RESULT_COLUMNS: tuple[str, ...] = ("aqi", "primary", "level", "category")


class HeaderError(ValueError):
    """The CSV header cannot be used for the requested report."""


@dataclass(frozen=True)
class RowError:
    """A bad input row: its line number in the file and a bilingual message."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line} / 第{self.line}行: {self.message}"


@dataclass
class AqiCsvResult:
    """Counts and errors of one conversion."""

    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _number(column: str, text: str | None) -> float | None:
    text = (text or "").strip()
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column}: {text!r} is not a number / 不是数值") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{column}: {text!r} is not a finite number / 不是有限数值")
    if value < 0:
        raise ValueError(f"{column}: {text!r} is negative / 浓度为负值")
    return value


def _row_version(row: dict, version: str | None) -> str | None:
    if version:
        return version
    for col in DATE_COLUMNS:
        text = (row.get(col) or "").strip()
        if text:
            try:
                return version_for_date(dt.date.fromisoformat(text[:10]))
            except ValueError:
                raise ValueError(f"{col}: {text!r} is not an ISO date / 不是有效日期") from None
    return None


def _compute_row(row: dict, report: str, version: str | None, policy: str | None) -> dict[str, str]:
    if None in row:
        raise ValueError("more fields than the header / 字段数多于表头")
    values = {c: _number(c, row.get(c)) for c in REPORT_COLUMNS[report]}
    result = _COMPUTE[report](values, version=_row_version(row, version), missing_policy=policy)
    out = {
        f"iaqi_{c}": "" if result.iaqis.get(c) is None else str(result.iaqis[c])
        for c in REPORT_COLUMNS[report]
    }
    if result.published:
        out.update(
            aqi=str(result.aqi),
            primary=",".join(result.primary),
            level=str(result.level),
            category=result.category or "",
        )
    else:
        out.update(aqi="", primary="", level="", category="")
    return out


def _check_header(fieldnames: list[str] | None, report: str, result: AqiCsvResult) -> list[str]:
    if not fieldnames:
        raise HeaderError("empty file or no header / 文件为空或缺少表头")
    wanted = REPORT_COLUMNS[report]
    absent = [c for c in wanted if c not in fieldnames]
    others = {c for r, cols in REPORT_COLUMNS.items() if r != report for c in cols}
    if all(c in absent for c in wanted if c not in others):
        raise HeaderError(
            f"none of the {report} columns {', '.join(wanted)} found / 未找到{report}报所需的任何浓度列"
        )
    if absent:
        result.warnings.append(
            f"columns absent, treated as missing / 缺少以下列，按缺测处理: {', '.join(absent)}"
        )
    added = [f"iaqi_{c}" for c in wanted] + list(RESULT_COLUMNS)
    return list(fieldnames) + [c for c in added if c not in fieldnames]


def process_csv(
    src: TextIO,
    dst: TextIO,
    *,
    report: str,
    version: str | None = None,
    missing_policy: str | None = None,
) -> AqiCsvResult:
    """Read concentrations from ``src`` and write them with AQI results to ``dst``.

    ``version`` ("2012"/"2026") applies to every row; without it, each row's
    version follows its date column (``date``, ``datetime``, ``timepoint`` or
    ``time``), else the rules in force now (HJ 633-2026).
    """
    if report not in REPORT_COLUMNS:
        raise ValueError(f"unknown report {report!r} / 未知报告类型")
    if missing_policy is not None and missing_policy not in MISSING_POLICIES:
        raise ValueError(f"unknown missing policy {missing_policy!r} / 未知缺测处理规则")
    result = AqiCsvResult()
    reader = csv.DictReader(src)
    header = _check_header(reader.fieldnames, report, result)
    writer = csv.DictWriter(dst, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    line = reader.line_num
    for row in reader:
        result.rows += 1
        start, line = line + 1, reader.line_num
        try:
            row.update(_compute_row(row, report, version, missing_policy))
        except ValueError as exc:
            result.errors.append(RowError(start, str(exc)))
            row.pop(None, None)
            row.update({c: "" for c in header[len(reader.fieldnames or []) :]})
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return result


def convert_file(in_path: str, out_path: str, **kwargs) -> AqiCsvResult:
    """Convert ``in_path`` to ``out_path`` (UTF-8; a BOM in the input is accepted)."""
    with (
        open(in_path, encoding="utf-8-sig", newline="") as src,
        open(out_path, "w", encoding="utf-8", newline="") as dst,
    ):
        return process_csv(src, dst, **kwargs)


def format_errors(errors: Iterable[RowError]) -> list[str]:
    """One bilingual message per bad row."""
    return [str(e) for e in errors]

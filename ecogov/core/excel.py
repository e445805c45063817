"""Excel import and export shared by every list (openpyxl).

One ``Column`` list per table serves the on-screen table, the .xlsx export
(exactly the same columns) and the import template. An import is all or
nothing: every row is checked, each bad row is reported with its row number
and reason, and nothing is written unless every row is good (NetBox bulk
import).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from .errors import DomainError, ValidationFailed, from_django


def _english() -> bool:
    return (get_language() or "").lower().startswith("en")


@dataclass(frozen=True)
class Column:
    """A table column: key, headers, how to read it from an object and parse it from a cell."""

    key: str
    header_zh: str
    header_en: str
    get: Callable[[Any], Any] | None = None
    parse: Callable[[Any], Any] | None = None
    required: bool = False
    example: Any = ""
    help_zh: str = ""

    @property
    def header(self) -> str:
        return self.header_en if _english() else self.header_zh

    def value(self, obj: Any) -> Any:
        if self.get is not None:
            return self.get(obj)
        value: Any = obj
        for part in self.key.split("__"):
            if isinstance(value, dict):
                value = value.get(part)
            else:
                value = getattr(value, part, None) if value is not None else None
        return value


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


class ImportFailed(ValidationFailed):
    """The file was refused; ``detail["rows"]`` lists every bad row."""

    def __init__(self, errors: list[RowError]):
        rows = sorted({e.row for e in errors})
        super().__init__(
            "import_failed",
            f"导入失败：{len(rows)} 行有错误，未写入任何数据",
            f"Import refused: {len(rows)} bad rows; nothing was written",
            detail={"rows": [e.as_dict() for e in errors]},
        )
        self.errors = errors


def _cell(value: Any) -> Any:
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value
    if isinstance(value, (int, float, str)) or value is None:
        return value
    return str(value)


def export_xlsx(columns: list[Column], objects: Iterable[Any], title: str = "export") -> bytes:
    """An .xlsx with one header row and one row per object, written in constant memory."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append([c.header for c in columns])
    for obj in objects:
        ws.append([_cell(c.value(obj)) for c in columns])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_xlsx(columns: list[Column], title: str = "import") -> bytes:
    """The downloadable import template: headers (required ones in bold red), an example row, notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([c.header_zh for c in columns])
    for idx, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=idx)
        cell.font = Font(bold=True, color="C00000" if col.required else "000000")
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        ws.column_dimensions[cell.column_letter].width = max(12, len(col.header_zh) * 2 + 4)
    ws.append([c.example for c in columns])
    notes = wb.create_sheet("说明 Notes")
    notes.append(["列 Column", "英文 English", "必填 Required", "说明 Notes"])
    for col in columns:
        notes.append([col.header_zh, col.header_en, "是 yes" if col.required else "", col.help_zh])
    notes.append([])
    notes.append(["示例行（第2行）导入前请删除 / Delete the example row (row 2) before importing"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_xlsx(data: bytes, columns: list[Column]) -> list[tuple[int, dict[str, Any]]]:
    """Rows of the first sheet as ``(row_number, {key: value})``; headers match zh, en or key."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationFailed("bad_file", "无法读取 Excel 文件（需要 .xlsx）", "Cannot read the file (.xlsx expected)") from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    lookup = {}
    for col in columns:
        for name in (col.header_zh, col.header_en, col.key):
            lookup[str(name).strip().lower()] = col.key
    keys = [lookup.get(str(h).strip().lower()) if h is not None else None for h in header]
    missing = [c.header_zh for c in columns if c.required and c.key not in keys]
    if missing:
        raise ValidationFailed(
            "missing_columns", f"缺少必填列：{'、'.join(missing)}", f"Missing required columns: {', '.join(missing)}",
            detail={"missing": missing},
        )
    out = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        out.append((number, {k: v for k, v in zip(keys, values, strict=False) if k}))
    return out


def cell_date(value: Any) -> dt.date | None:
    """An imported cell as a date: an Excel date or datetime, or ISO text; empty is None
    (a ``Column.parse`` for date columns; other text raises ``ValueError``)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def parse_row(row: dict[str, Any], columns: list[Column], *, skip_absent: bool = True,
              unreadable: str = "") -> dict[str, Any]:
    """Parse every cell of an imported row; all problems of the row are reported together
    (``ValidationFailed`` with one message per column). A column absent from the file is left out
    of the result when ``skip_absent`` and it is not required (the record's value stays as it is);
    ``unreadable`` prefixes the message of a cell that does not parse."""
    out: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for col in columns:
        if skip_absent and col.key not in row and not col.required:
            continue
        try:
            value = col.parse(row.get(col.key)) if col.parse else row.get(col.key)
        except (ValueError, TypeError) as exc:
            errors[col.header_zh] = [f"{unreadable}{exc}"]
            continue
        if col.required and value in (None, ""):
            errors[col.header_zh] = ["必填 / required"]
        out[col.key] = value
    if errors:
        text = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
        raise ValidationFailed("invalid_row", text, text, detail={"errors": errors})
    return out


def _row_errors(number: int, exc: Exception) -> list[RowError]:
    if isinstance(exc, ValidationError):
        exc = from_django(exc)
    if isinstance(exc, DomainError):
        errors = (exc.detail or {}).get("errors") if isinstance(exc.detail, dict) else None
        if errors:
            out = []
            for fld, msgs in errors.items():
                if isinstance(msgs, dict):
                    msgs = [msgs["en" if _english() else "zh"]]
                out.append(RowError(number, fld, " ".join(str(m) for m in msgs)))
            return out
        return [RowError(number, "", exc.message)]
    return [RowError(number, "", str(exc))]


def import_rows(
    rows: list[tuple[int, dict[str, Any]]],
    handle: Callable[[dict[str, Any]], bool],
) -> ImportResult:
    """Run ``handle(row) -> created?`` for every row in one transaction.

    Every row is tried (so every error is reported); if any row failed the
    transaction is rolled back and ``ImportFailed`` lists them all.
    """
    result = ImportResult()
    with transaction.atomic():
        for number, row in rows:
            try:
                with transaction.atomic():
                    created = handle(row)
            except (DomainError, ValidationError, ValueError, TypeError) as exc:
                result.errors.extend(_row_errors(number, exc))
                continue
            if created:
                result.created += 1
            else:
                result.updated += 1
        if result.errors:
            transaction.set_rollback(True)
    if result.errors:
        raise ImportFailed(result.errors)
    return result

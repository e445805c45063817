"""Excel import of a batch's problem list (the form inspection teams hand over):
every row or none (``core.excel.import_rows``), idempotent by the problem's number.

A row whose number is new creates an item (a task when it names a parent number);
a row whose number exists and whose values differ updates that item and needs the
"change" permission on it; an unchanged row changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import import_rows, parse_row, read_xlsx
from ecogov.core.models import Department, Jurisdiction
from ecogov.core.permissions import require, require_object

from . import services
from .models import Batch, RectificationItem
from .tables import IMPORT_COLUMNS

NOTE = "Excel 导入"
COMPARED = ("problem", "measures", "jurisdiction", "department", "leader", "deadline", "weight")


@dataclass
class BatchImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _bad(column: str, zh: str, en: str) -> ValidationFailed:
    return ValidationFailed("invalid_row", f"{column}: {zh}", f"{column}: {en}",
                            detail={"errors": {column: [f"{zh} / {en}"]}})


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    return parse_row(row, IMPORT_COLUMNS, skip_absent=False, unreadable="无法识别 / cannot read: ")


def _values(v: dict[str, Any]) -> dict[str, Any]:
    area = Jurisdiction.objects.filter(code=v["area"]).first()
    if area is None:
        raise _bad("责任区域代码", f"区划 {v['area']} 不存在", f"no area {v['area']}")
    dept = None
    if v.get("department"):
        dept = Department.objects.filter(code=v["department"]).first()
        if dept is None:
            raise _bad("责任部门代码", f"部门 {v['department']} 不存在", f"no department {v['department']}")
    return {"problem": v["problem"], "measures": v.get("measures") or "", "jurisdiction": area, "department": dept,
            "leader": v.get("leader") or "", "deadline": v["deadline"], "weight": v.get("weight") or 1}


def _handle(batch: Batch, row: dict[str, Any], actor, result: BatchImportResult) -> bool:
    v = _parse(row)
    data = _values(v)
    existing = batch.items.filter(external_no=v["external_no"]).first()
    if existing is None:
        parent = None
        if v.get("parent_no"):
            parent = batch.items.filter(external_no=v["parent_no"]).first()
            if parent is None:
                raise _bad("上级编号", f"上级编号 {v['parent_no']} 不存在（须在前面的行）",
                           f"no parent {v['parent_no']} (it must come in an earlier row)")
        services.item_create(data={**data, "batch": batch, "external_no": v["external_no"],
                                   "assigned_date": batch.received_date}, actor=actor, parent=parent)
        result.created += 1
        return True
    changed = {k: val for k, val in data.items() if getattr(existing, k) != val}
    if not changed:
        result.unchanged += 1
        return False
    require_object(actor, existing, "change")
    if "deadline" in changed:
        raise _bad("整改时限", "已导入问题的期限须通过延期审批修改", "an imported item's deadline changes by extension")
    services.item_update(item=existing, data=changed, actor=actor, note=NOTE)
    result.updated += 1
    return False


def batch_import(*, batch: Batch, data: bytes, actor) -> BatchImportResult:
    """Import an .xlsx into ``batch``; raises ``ImportFailed`` (nothing written) on any bad row."""
    require(actor, "change", Batch)
    require(actor, "add", RectificationItem)
    rows = read_xlsx(data, IMPORT_COLUMNS)
    if not rows:
        raise ValidationFailed("empty_file", "文件中没有数据行", "The file has no data rows")
    result = BatchImportResult()
    import_rows(rows, lambda row: _handle(batch, row, actor, result))
    return result

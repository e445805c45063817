"""Excel import of supervised objects: every row or none (``core.excel.import_rows``).

A row whose USCC already exists updates that object and needs the "change"
permission on it; a new USCC creates an object and needs "add".
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import ImportResult, import_rows, parse_row, read_xlsx
from ecogov.core.models import Jurisdiction

from . import services
from .models import SupervisedObject
from .tables import IMPORT_COLUMNS

NOTE = "Excel 导入"


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    return parse_row(row, IMPORT_COLUMNS)


def _grid(code: str) -> Jurisdiction:
    grid = Jurisdiction.objects.filter(code=code, level="grid").first()
    if grid is None:
        raise ValidationFailed(
            "unknown_grid",
            f"网格代码: 网格 {code} 不存在",
            f"Grid code: no grid cell {code}",
            detail={"errors": {"网格代码": [f"网格 {code} 不存在 / no grid cell {code}"]}},
        )
    return grid


def _handle(row: dict[str, Any], actor) -> bool:
    values = _parse(row)
    data = {k: values[k] for k in services.OBJECT_FIELDS if k in values and k != "jurisdiction"}
    for key in ("lon", "lat"):
        if data.get(key) is None:
            data.pop(key, None)
    data["jurisdiction"] = _grid(values["grid"])
    datum = values.get("datum") or "wgs84"
    existing = SupervisedObject.objects.filter(uscc=str(values["uscc"]).upper()).first()
    if existing is None:
        obj = services.object_create(data=data, actor=actor, datum=datum, note=NOTE)
    else:
        obj = services.object_update(obj=existing, data=data, actor=actor, datum=datum, note=NOTE)
    new_class = values.get("supervision_class")
    if new_class and new_class != obj.supervision_class:
        services.object_set_class(
            obj=obj, new_class=new_class, actor=actor, effective_date=timezone.localdate(), reason=NOTE
        )
    return existing is None


def objects_import(*, data: bytes, actor) -> ImportResult:
    """Import an .xlsx of supervised objects; raises ``ImportFailed`` (nothing written) on any bad row."""
    rows = read_xlsx(data, IMPORT_COLUMNS)
    if not rows:
        raise ValidationFailed("empty_file", "文件中没有数据行", "The file has no data rows")
    return import_rows(rows, lambda row: _handle(row, actor))

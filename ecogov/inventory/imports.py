"""Excel import of the inventory: every row or none (``core.excel.import_rows``).

A row whose code already exists updates that source (and needs "change" on it); a new code
creates one. Points come from the longitude/latitude columns, lines and polygons from the
GeoJSON column; the datum column says WGS-84 (default) or GCJ-02.
"""

from __future__ import annotations

from typing import Any

from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import ImportResult, import_rows, read_xlsx

from . import services
from .models import Source
from .tables import IMPORT_COLUMNS

NOTE = "Excel 导入"


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for col in IMPORT_COLUMNS:
        if col.key not in row and not col.required:
            continue
        try:
            value = col.parse(row.get(col.key)) if col.parse else row.get(col.key)
        except (ValueError, TypeError) as exc:
            errors[col.header_zh] = [str(exc)]
            continue
        if col.required and value in (None, ""):
            errors[col.header_zh] = ["必填 / required"]
        out[col.key] = value
    if errors:
        text = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
        raise ValidationFailed("invalid_row", text, text, detail={"errors": errors})
    return out


def _handle(row: dict[str, Any], actor) -> bool:
    values = _parse(row)
    datum = values.pop("datum", "") or "wgs84"
    if values.get("geometry") is None:
        values.pop("geometry", None)
        if values.get("lon") is None and values.get("lat") is None:
            values.pop("lon", None)
            values.pop("lat", None)
    existing = Source.objects.filter(code=values["code"]).first()
    if existing is None:
        services.source_create(data=values, actor=actor, datum=datum, note=NOTE)
        return True
    values.pop("code")
    services.source_update(source=existing, data=values, actor=actor, datum=datum, note=NOTE)
    return False


def sources_import(*, data: bytes, actor) -> ImportResult:
    """Import an .xlsx of sources; raises ``ImportFailed`` (nothing written) on any bad row."""
    rows = read_xlsx(data, IMPORT_COLUMNS)
    if not rows:
        raise ValidationFailed("empty_file", "文件中没有数据行", "The file has no data rows")
    return import_rows(rows, lambda row: _handle(row, actor))

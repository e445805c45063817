"""Excel import of the inventory: every row or none (``core.excel.import_rows``).

A row whose code already exists updates that source (and needs "change" on it); a new code
creates one. Points come from the longitude/latitude columns, lines and polygons from the
GeoJSON column; the datum column says WGS-84 (default) or GCJ-02.
"""

from __future__ import annotations

from typing import Any

from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import ImportResult, import_rows, parse_row, read_xlsx

from . import services
from .models import Source
from .tables import IMPORT_COLUMNS

NOTE = "Excel 导入"


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    return parse_row(row, IMPORT_COLUMNS)


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

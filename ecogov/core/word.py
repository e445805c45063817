"""Word (.docx) building blocks shared by the apps' own documents (python-docx)."""

from __future__ import annotations

from typing import Any


def add_grid_table(doc, header: list[str], rows: list[list[Any]], *, empty: str = "") -> None:
    """A bordered table: one header row, then one row per list; ``None`` cells read ``empty``."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = empty if value is None else str(value)

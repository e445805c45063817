"""The ledger's columns: one list for the page and its .xlsx export."""

from __future__ import annotations

from ecogov.core.excel import Column

from .choices import RectificationStatus

ITEM_COLUMNS = [
    Column("supervised_object__name", "责任单位", "Responsible unit"),
    Column("supervised_object__uscc", "统一社会信用代码", "USCC"),
    Column("problem", "问题", "Problem"),
    Column("source_inspection__date", "检查日期", "Inspected on"),
    Column("deadline", "整改期限", "Deadline"),
    Column("status", "状态", "Status", get=lambda r: RectificationStatus.label(r.status)),
    Column("closed_date", "销号日期", "Closed on"),
]

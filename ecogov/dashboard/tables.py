"""Columns of the ring table (``core.excel.Column``): the page and its .xlsx export."""

from __future__ import annotations

from ecogov.core.excel import Column

RING_COLUMNS = [
    Column("ring_label", "圈层", "Ring"),
    Column("kind_label", "类型", "Kind"),
    Column("code", "编号", "Code"),
    Column("name", "名称", "Name"),
    Column("street", "街道", "Street"),
    Column("distance_m", "距离（米）", "Distance (m)"),
    Column("sector_label", "方位", "Direction"),
    Column("upwind", "上风向", "Upwind", get=lambda r: "是" if r.upwind else ""),
    Column("ledger", "整改未销号", "Open ledger item", get=lambda r: "是" if r.ledger else ""),
    Column("complaints", "周边投诉", "Complaints nearby", get=lambda r: r.complaints or ""),
    Column("state", "状态", "State"),
]

"""The open-day list's columns: the on-screen table and the .xlsx export are the same list."""

from __future__ import annotations

from ecogov.core.excel import Column

COLUMNS = [
    Column("date", "日期", "Date"),
    Column("facility", "设施", "Facility", get=lambda e: e.facility.name),
    Column("title", "主题", "Title"),
    Column("capacity", "名额", "Capacity"),
    Column("registered", "报名人数", "Registered", get=lambda e: e.registered or 0),
    Column("came", "实到人数", "Attended", get=lambda e: e.came or 0),
]

"""The complaint list's columns: the on-screen table and the .xlsx export are the same list."""

from __future__ import annotations

from django.utils import timezone

from ecogov.core.excel import Column

from .choices import Channel, ComplaintStatus
from .selectors import reporter_view


def complaint_columns(user) -> list[Column]:
    """Columns for ``user``; the reporter column is masked unless the role may see personal data."""

    def reporter(c):
        r = reporter_view(c, user)
        return r["name"] if r["anonymous"] else f"{r['name']} {r['phone']}".strip()

    return [
        Column("tracking_code", "查询码", "Tracking code"),
        Column("received_at", "登记时间", "Received", get=lambda c: timezone.localtime(c.received_at).strftime("%Y-%m-%d %H:%M")),
        Column("channel", "渠道", "Channel", get=lambda c: Channel.label(c.channel)),
        Column("category", "类别", "Category", get=lambda c: str(c.category)),
        Column("jurisdiction", "属地", "Area", get=lambda c: c.jurisdiction.name),
        Column("department", "承办部门", "Department", get=lambda c: c.department.name if c.department_id else ""),
        Column("status", "状态", "Status", get=lambda c: ComplaintStatus.label(c.status)),
        Column("finish_due", "办结期限", "Finish due", get=lambda c: c.finish_due or c.acceptance_due),
        Column("reporter", "投诉人", "Reporter", get=reporter),
    ]

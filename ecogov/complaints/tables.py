"""The complaint list's columns: the on-screen table and the .xlsx export are the same list.

The reporter is always masked here (张* 138****5678): a list or an export never carries personal data
in full; a role allowed to see it reveals one complaint on its page (``services.reporter_reveal``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ecogov.core.excel import Column
from ecogov.core.privacy import mask_name, mask_phone

from .choices import Channel, ComplaintStatus


def masked_reporter(c) -> str:
    """The reporter's masked name and phone (or "anonymous")."""
    if c.anonymous:
        return _("Anonymous")
    return f"{mask_name(c.reporter_name)} {mask_phone(c.reporter_phone)}".strip()


COMPLAINT_COLUMNS = [
    Column("tracking_code", "查询码", "Tracking code"),
    Column("received_at", "登记时间", "Received",
           get=lambda c: timezone.localtime(c.received_at).strftime("%Y-%m-%d %H:%M")),
    Column("channel", "渠道", "Channel", get=lambda c: Channel.label(c.channel)),
    Column("category", "类别", "Category", get=lambda c: str(c.category)),
    Column("jurisdiction", "属地", "Area", get=lambda c: c.jurisdiction.name),
    Column("department", "承办部门", "Department", get=lambda c: c.department.name if c.department_id else ""),
    Column("status", "状态", "Status", get=lambda c: ComplaintStatus.label(c.status)),
    Column("finish_due", "办结期限", "Finish due", get=lambda c: c.finish_due or c.acceptance_due),
    Column("reporter", "投诉人", "Reporter", get=masked_reporter),
]


"""Reminders to assignees (or, before assignment, to the department's staff) for
overdue and due-soon complaints, through core.notifications (after commit)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ecogov.core.models import User
from ecogov.core.notifications import notify

from . import selectors


def _recipients(c):
    if c.assignee_id:
        return [c.assignee]
    users = User.objects.filter(is_active=True, role__in=["district", "officer"])
    if c.department_id:
        users = users.filter(department_id=c.department_id)
    district = c.jurisdiction.ancestor_at("district")
    if district is not None and not c.department_id:
        users = users.filter(jurisdiction=district)
    return list(users[:5])


def send_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Queue one reminder per recipient per overdue or due-soon complaint; returns the counts."""
    today = today or timezone.localdate()
    sent = {"overdue": 0, "due_soon": 0}
    with transaction.atomic():
        for kind, rows in (("overdue", selectors.overdue(None, today)), ("due_soon", selectors.due_soon(None, today))):
            for c in rows:
                due = c.finish_due or c.acceptance_due
                word = "已超期" if kind == "overdue" else "即将到期"
                for user in _recipients(c):
                    notify(recipient=user, subject=f"投诉 {c.tracking_code} {word}（期限 {due}）",
                           body=c.description[:300], obj=c)
                    sent[kind] += 1
    return sent

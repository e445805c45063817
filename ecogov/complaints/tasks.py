"""Celery tasks (thin wrappers) and their beat schedule."""

from celery import shared_task
from celery.schedules import crontab

#: Every morning at 08:30 (Asia/Shanghai): remind assignees of overdue and due-soon complaints.
BEAT_SCHEDULE = {
    "complaints-reminders": {"task": "complaints.send_reminders", "schedule": crontab(hour=8, minute=30)},
}


@shared_task(name="complaints.send_reminders")
def send_reminders_task(day: str | None = None) -> dict:
    import datetime as dt

    from .reminders import send_reminders

    return send_reminders(dt.date.fromisoformat(day) if day else None)

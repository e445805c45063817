"""Celery tasks (thin wrappers); their beat entries are in contributions.py."""

from celery import shared_task


@shared_task(name="complaints.send_reminders")
def send_reminders_task(day: str | None = None) -> dict:
    import datetime as dt

    from .services import send_reminders

    return send_reminders(dt.date.fromisoformat(day) if day else None)

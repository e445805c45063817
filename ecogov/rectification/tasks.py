"""Celery tasks (thin wrappers); their beat entries are in contributions.py."""

from celery import shared_task


@shared_task(name="rectification.daily")
def daily_task(day: str | None = None) -> dict:
    """Progress against plan, then the escalation ladder (both idempotent)."""
    import datetime as dt

    from .services_daily import escalate, plan_recompute

    when = dt.date.fromisoformat(day) if day else None
    changed = plan_recompute(day=when)
    return {"plan_changed": changed, **escalate(day=when)}

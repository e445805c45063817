"""Thin Celery wrappers: the PDF of a briefing, and the monthly drafts (in-process without a broker)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="reports.render_pdf")
def render_pdf(briefing_id: int) -> str:
    from .services import briefing_render_pdf

    return briefing_render_pdf(briefing_id=briefing_id)


@shared_task(name="reports.monthly_drafts")
def monthly_drafts(day: str | None = None) -> list[int]:
    import datetime as dt

    from .services import scheduled_drafts

    return [b.pk for b in scheduled_drafts(today=dt.date.fromisoformat(day) if day else None)]

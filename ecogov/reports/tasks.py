"""Thin Celery wrappers: the PDF of a briefing, and the monthly drafts (in-process without a broker)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="reports.render_pdf")
def render_pdf(briefing_id: int) -> str:
    """The PDF after the briefing's transaction commits. A conversion that cannot run (no
    LibreOffice, a failed conversion) is logged, not raised into the page that generated the
    briefing: the briefing's page then offers "make the PDF now", which shows the reason."""
    import logging

    from ecogov.core.errors import DomainError

    from .services import briefing_render_pdf

    try:
        return briefing_render_pdf(briefing_id=briefing_id)
    except DomainError as exc:
        logging.getLogger(__name__).warning("briefing %s: no PDF: %s %s", briefing_id, exc.code, exc.detail)
        return ""


@shared_task(name="reports.monthly_drafts")
def monthly_drafts(day: str | None = None) -> list[int]:
    import datetime as dt

    from .services import scheduled_drafts

    return [b.pk for b in scheduled_drafts(today=dt.date.fromisoformat(day) if day else None)]

"""Celery tasks (thin wrappers); their beat entries are in contributions.py."""

from celery import shared_task


@shared_task(name="registry.generate_execution_reports")
def generate_execution_reports_task(year: int | None = None) -> int:
    """Create this year's (or ``year``'s) execution reports of every valid permit."""
    from django.utils import timezone

    from .services import execution_reports_generate_all

    return execution_reports_generate_all(year=year or timezone.localdate().year, actor=None)

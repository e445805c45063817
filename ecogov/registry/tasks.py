"""Celery tasks (thin wrappers) and the registry's beat schedule."""

from celery import shared_task
from celery.schedules import crontab


@shared_task(name="registry.generate_execution_reports")
def generate_execution_reports_task(year: int | None = None) -> int:
    """Create this year's (or ``year``'s) execution reports of every valid permit."""
    from django.utils import timezone

    from .services import execution_reports_generate_all

    return execution_reports_generate_all(year=year or timezone.localdate().year, actor=None)


BEAT_SCHEDULE = {
    "registry-generate-execution-reports": {
        "task": "registry.generate_execution_reports",
        "schedule": crontab(minute=30, hour=1, day_of_month=1, month_of_year=1),
    },
}

"""Celery application. Used when REDIS_URL (or CELERY_BROKER_URL) is set;
otherwise tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``).

Scheduled work: each app's ``tasks.py`` may define ``BEAT_SCHEDULE`` (a Celery
beat schedule dict); they are merged here, so ``celery -A ecogov worker -B``
runs every app's schedule.
"""

import importlib
import importlib.util
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")

app = Celery("ecogov")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def collect_beat_schedule() -> dict:
    """The union of every domain app's ``tasks.BEAT_SCHEDULE``."""
    from django.conf import settings

    schedule: dict = {}
    for name in settings.DOMAIN_APPS:
        module = f"ecogov.{name}.tasks"
        if importlib.util.find_spec(module) is not None:
            schedule.update(getattr(importlib.import_module(module), "BEAT_SCHEDULE", {}))
    return schedule


@app.on_after_finalize.connect
def _install_beat_schedule(sender, **kwargs):
    sender.conf.beat_schedule = {**collect_beat_schedule(), **(sender.conf.beat_schedule or {})}

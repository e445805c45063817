"""Celery application. Used when REDIS_URL (or CELERY_BROKER_URL) is set;
otherwise tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``).

Scheduled work: the apps contribute beat entries (``core.contrib.beat``); they
are merged here, so ``celery -A ecogov worker -B`` runs every app's schedule.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")

app = Celery("ecogov")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def collect_beat_schedule() -> dict:
    """Every beat entry the apps contribute, as Celery's ``beat_schedule`` dict."""
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from ecogov.core import contrib

    return {entry.name: entry.as_celery() for entry in contrib.beat}


@app.on_after_finalize.connect
def _install_beat_schedule(sender, **kwargs):
    sender.conf.beat_schedule = {**collect_beat_schedule(), **(sender.conf.beat_schedule or {})}

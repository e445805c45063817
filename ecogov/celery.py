"""Celery application. Used when REDIS_URL (or CELERY_BROKER_URL) is set;
otherwise tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")

app = Celery("ecogov")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

"""The Celery app of the multi-host test's workers (``celery -A ecogov.monitoring.tests.netns_celery``): the
project's app with no result backend, one message prefetched at a time, and the test's own queue (so that
no other worker of the machine takes its tasks)."""

from __future__ import annotations

import os

from ecogov.celery import app

app.conf.update(
    result_backend=None, task_ignore_result=True, task_always_eager=False, worker_prefetch_multiplier=1,
    task_acks_late=True, task_reject_on_worker_lost=True, task_default_queue=os.environ["ECOGOV_TEST_QUEUE"],
    worker_hijack_root_logger=True, broker_connection_retry_on_startup=True,
)

"""Background work through a real Redis broker and a real Celery worker."""

import socket

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from ecogov.celery import collect_beat_schedule

REDIS = "redis://127.0.0.1:6379/15"


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.services
def test_task_runs_on_a_real_worker_through_redis():
    if not _redis_up():
        pytest.fail("Redis is not answering on 127.0.0.1:6379 (make services starts it)")
    app = Celery("ecogov-test", broker=REDIS, backend=REDIS)
    app.conf.update(task_always_eager=False, worker_hijack_root_logger=False)

    @app.task(name="ecogov.test.add")
    def add(a, b):
        return a + b

    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        assert add.delay(20, 22).get(timeout=20) == 42


def test_beat_schedule_collects_every_app(settings):
    schedule = collect_beat_schedule()
    assert isinstance(schedule, dict)
    for entry in schedule.values():
        assert "task" in entry and "schedule" in entry

"""Tasks run in-process without a broker and through the real Redis broker with a real worker."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from ecogov.monitoring import tasks
from ecogov.monitoring.models import StationDaily


def test_daily_values_task_in_process(city_data):
    StationDaily.objects.all().delete()
    n = tasks.daily_values_task.delay("2025-06-01", "2025-06-02").get()
    assert n == 4 and StationDaily.objects.get(station=city_data["a"], date=dt.date(2025, 6, 1)).aqi == 69


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_daily_values_task_through_redis(city_data):
    """The task body on a real worker through the real Redis broker (a separate app, db 14)."""
    from celery import Celery
    from celery.contrib.testing.worker import start_worker

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.fail("Redis is not answering on 127.0.0.1:6379")
    StationDaily.objects.all().delete()
    app = Celery("ecogov-monitoring-test", broker="redis://127.0.0.1:6379/14", backend="redis://127.0.0.1:6379/14")
    app.conf.update(task_always_eager=False, worker_hijack_root_logger=False)
    remote = app.task(name="monitoring.daily_values")(tasks.daily_values_task.run)
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        assert remote.delay("2025-06-01", "2025-06-02").get(timeout=30) == 4
    assert StationDaily.objects.count() == 4

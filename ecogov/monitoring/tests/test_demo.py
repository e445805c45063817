"""The monitoring demo (shortened to a few days) and the monitoring commands."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from ecogov.core import demo as core_demo
from ecogov.monitoring import demo
from ecogov.monitoring.models import (
    DrinkingWaterSource,
    PollutionWarning,
    Reading,
    Station,
    StationDaily,
    WaterSample,
    WaterSection,
)
from ecogov.monitoring.services_ingest import station_for_key


def test_demo_shape(db, monkeypatch, capsys):
    monkeypatch.setattr(demo, "DAYS", 5)
    ctx = core_demo.DemoContext(seed=1, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    kinds = {k: Station.objects.filter(kind=k).count() for k in ("national", "provincial", "micro")}
    assert kinds == {"national": 2, "provincial": 4, "micro": 32}
    assert Station.objects.filter(is_evaluation=True).count() == 6
    assert WaterSection.objects.filter(water_body_kind="river").count() == 17
    assert WaterSection.objects.exclude(water_body_kind="river").count() == 3
    assert DrinkingWaterSource.objects.count() == 5
    assert WaterSample.objects.count() == (20 + 5) * 12
    n = Reading.objects.count()
    assert 38 * 5 * 24 * 0.5 < n < 38 * 5 * 24  # scattered gaps and a few outages of 6-30 hours
    assert 30 <= StationDaily.objects.filter(date=dt.date(2026, 11, 20)).count() <= 38  # outages may empty a day
    assert PollutionWarning.objects.get().status == "issued"
    call_command("monitoring", "station-key", "MS001", "--username", "admin")
    key = capsys.readouterr().out.strip()
    assert station_for_key(key).code == "MS001"

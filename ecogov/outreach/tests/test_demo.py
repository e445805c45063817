"""The demo city reproduces MISSION.md §5: 23 open days with 936 visitors."""

import datetime as dt

import pytest

from ecogov.core import demo as core_demo
from ecogov.outreach import demo
from ecogov.outreach.models import OpenDayEvent
from ecogov.outreach.selectors import yearly_counts


@pytest.mark.django_db
def test_demo_figures():
    ctx = core_demo.DemoContext(seed=20261123, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    assert yearly_counts(OpenDayEvent.objects.all(), 2026) == {"year": 2026, "events": 23, "open_days": 23,
                                                               "visitors": 936}

"""The demo city reproduces MISSION.md §3-4: 46 inspection stations punished for fraud, each
found by one of the four indicators from its own uploaded tests."""

import datetime as dt

import pytest

from ecogov.core import demo as core_demo
from ecogov.testing import factories
from ecogov.thirdparty import demo, selectors
from ecogov.thirdparty.models import FraudHit, Station


@pytest.mark.django_db
def test_demo_figures():
    ctx = core_demo.DemoContext(seed=20261123, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo.load(ctx)
    admin = factories.user("admin", ctx.data["jurisdictions"]["city"][0], is_superuser=True)
    assert Station.objects.count() == 80
    assert selectors.punished_station_count(admin) == 46
    # 52 stations faked one test each, a pattern in turn: 13 of each indicator, every one found
    counts = {k: n for k, _, n in selectors.hit_counts(admin)}
    assert counts == {"identical_curve": 13, "duration": 13, "off_hours": 13, "pass_after_fail": 13}
    # every hit lies on the faking station, never on the station whose honest test was copied or failed
    fakers = set(Station.objects.filter(kind="vehicle_station").order_by("pk").values_list("pk", flat=True)[:52])
    assert set(FraudHit.objects.values_list("station_id", flat=True)) == fakers
    assert FraudHit.objects.filter(status="open").count() == 6


@pytest.mark.django_db
def test_demo_waste_and_sources():
    from decimal import Decimal

    from ecogov.thirdparty import demo_waste, selectors_waste

    ctx = core_demo.DemoContext(seed=20261123, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo_waste.load(ctx)
    admin = factories.user("admin", ctx.data["jurisdictions"]["city"][0], is_superuser=True)
    waste = selectors_waste.disposal_figures(admin)
    assert (waste["points"], waste["units_served"]) == (11, 7000)
    # 1,908 t of 2,000 t collected went to handlers in the city
    assert (waste["tonnes"], waste["in_city"], waste["rate"]) == (Decimal(2000), Decimal(1908), Decimal("95.4"))
    sources = selectors_waste.source_figures(admin)
    assert (sources["disused"], sources["holders"], sources["stored"], sources["rate"]) == (18, 7, 18, Decimal("100.0"))

"""The inventory's demo loader builds the shapes the seeds report."""

import datetime as dt

import pytest

from ecogov.core.demo import DemoContext, build_jurisdictions
from ecogov.inventory import demo
from ecogov.inventory.models import Source, SourceCheck

pytestmark = pytest.mark.django_db


def test_demo_inventory_has_the_seed_figures():
    ctx = DemoContext(seed=7, today=dt.date(2026, 11, 20))
    ctx.data["jurisdictions"] = build_jurisdictions()
    demo.load(ctx)
    # seed 003: 739 sewage-discharge control zones, 280 problem outfalls (28 still being rectified here)
    assert Source.objects.filter(kind="discharge_zone").count() == 739
    assert Source.objects.filter(kind="outfall").count() == 280
    assert Source.objects.filter(kind="outfall", state="problem").count() == 28
    # seed 002: 49 construction sites under way in the district of the 青云谱 station (the second district),
    # each with its dust-responsibility holder
    district = ctx.data["jurisdictions"]["district"][1]
    sites = Source.objects.filter(kind="construction", jurisdiction__path__startswith=district.path)
    assert sites.count() >= 49 and not sites.filter(holder="").exists()
    assert SourceCheck.objects.count() == Source.objects.count()
    assert not Source.objects.filter(last_checked__gt=ctx.today).exists()

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



def test_demo_mobile_run_has_its_own_generator_and_confirms_the_road_levels():
    from types import SimpleNamespace

    from ecogov.inventory import demo_mobile
    from ecogov.inventory.models import MobileRun, MobileRunRoad

    ctx = DemoContext(seed=7, today=dt.date(2026, 11, 20))
    ctx.data["jurisdictions"] = build_jurisdictions()
    city = ctx.data["jurisdictions"]["city"][0]
    ctx.data["monitoring_stations"] = [SimpleNamespace(kind="national", lon=city.centroid_lon, lat=city.centroid_lat)]
    demo.load(ctx)
    run = MobileRun.objects.get()
    levels = {s.pk: s.dust_level for s in ctx.data["inventory_sources"]}  # as drawn, before the run
    assert run.date == dt.date(2026, 11, 18)  # two days before the anchor day
    assert run.n_matched + run.n_unmatched == run.n_readings == len(run.readings)
    results = list(MobileRunRoad.objects.all())
    assert len(results) == demo_mobile.ROADS and all(levels[r.source_id] == r.dust_level for r in results)
    # loading the run again leaves the shared generator where it was and draws the same readings
    state, reference = ctx.rng.getstate(), run.reference
    MobileRun.objects.all().delete()
    demo_mobile.load(ctx)
    assert ctx.rng.getstate() == state
    assert MobileRun.objects.get().reference == reference

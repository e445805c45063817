"""Dust responsibility (letter, inspection, joint review with its deadline on the clock), a muck
truck's track import, and the demo's figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecogov.core import clock
from ecogov.core import demo as core_demo
from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import ImportFailed
from ecogov.inventory.models import Source
from ecogov.testing import factories
from ecogov.thirdparty import demo_dust, selectors_dust, services_dust
from ecogov.thirdparty.models_dust import DustResponsibility, JointReview, MuckTruck, TruckViolation


def site(jurisdiction, code="CS1", kind="construction"):
    return Source.objects.create(code=code, kind=kind, name=f"{code}安置房项目", jurisdiction=jurisdiction,
                                 geometry={"type": "Point", "coordinates": [115.9, 28.7]}, lon=115.9, lat=28.7)


def test_letter_inspection_and_review(tree, officer):
    s = site(tree["grid_a"] if "grid_a" in tree else tree["street_a"])
    with pytest.raises(ValidationFailed):
        services_dust.duty_create(site_id=site(tree["street_a"], "R1", "restaurant").pk, letter_no="X",
                                  signed_on=dt.date(2026, 1, 5), responsible_person="张三", actor=officer)
    duty = services_dust.duty_create(site_id=s.pk, letter_no="扬尘责〔2026〕001号", signed_on=dt.date(2026, 1, 5),
                                     responsible_person="张三", actor=officer)
    with pytest.raises(ValidationFailed):  # the checklist answered in part
        services_dust.inspection_record(duty=duty, date=dt.date(2026, 3, 2), items={"fence": True}, actor=officer)
    items = dict.fromkeys(services_dust.CHECKLIST, True) | {"cover": False, "wash": False}
    insp = services_dust.inspection_record(duty=duty, date=dt.date(2026, 3, 2), items=items, actor=officer)
    assert insp.failed == 2
    review = services_dust.review_record(duty=duty, held_on=dt.date(2026, 3, 6), decision="stop",
                                         reasons="两项未落实", actor=officer)
    # a stop gives 10 working days on the clock
    assert review.due == clock.add_working_days(dt.date(2026, 3, 6), 10)
    assert selectors_dust.duties_for(officer).get().stop_count == 1
    due = selectors_dust.due_reviews(officer, today=dt.date(2026, 3, 9), horizon_days=30)
    assert [(d.due, d.owner) for d in due] == [(review.due, "张三")]
    assert services_dust.review_record(duty=duty, held_on=dt.date(2026, 3, 20), decision="continue",
                                       reasons="整改到位", actor=officer).due is None
    # the later review closes the stop's deadline
    assert selectors_dust.due_reviews(officer, today=dt.date(2026, 3, 9), horizon_days=30) == []
    district_b = factories.user("district", tree["district_b"])
    assert not selectors_dust.duties_for(district_b).exists()


CSV_HEAD = "time,lon,lat,lid_closed\n"


def test_track_import_all_or_nothing_and_idempotent(tree, officer, client_for):
    truck = MuckTruck.objects.create(plate="示G0001渣", company="渣土公司", jurisdiction=tree["district_a"],
                                     route=[[120.0, 30.0], [120.0, 30.05]], corridor_m=200)
    good = CSV_HEAD + "\n".join([
        "2026-06-01 22:00:00,120.0,30.000,1",
        "2026-06-01 22:01:00,120.0,30.003,0",     # 333.6 m moved with the lid open
        "2026-06-01 22:02:00,120.01,30.006,1",    # 0.01° east at 30°N: 962.9 m off the route
    ]) + "\n"
    bad = good + "2026-06-01 22:03:00,abc,30.0,1\n"
    with pytest.raises(ImportFailed) as exc:
        services_dust.track_import(truck=truck, data=bad.encode(), actor=officer)
    assert [e.row for e in exc.value.errors] == [5] and not TruckViolation.objects.exists()
    assert services_dust.track_import(truck=truck, data=good.encode(), actor=officer) == 2
    assert services_dust.track_import(truck=truck, data=good.encode(), actor=officer) == 0
    assert sorted(TruckViolation.objects.values_list("kind", flat=True)) == ["off_route", "unsealed"]
    c = client_for(officer)
    resp = c.post(f"/thirdparty/trucks/{truck.pk}/", {"file": SimpleUploadedFile("t.csv", good.encode())})
    assert resp.status_code == 302
    for url in ("/thirdparty/dust/", "/thirdparty/trucks/", "/thirdparty/trucks/violations/",
                f"/thirdparty/trucks/{truck.pk}/"):
        assert c.get(url).status_code == 200
    district_b = factories.user("district", tree["district_b"])
    assert client_for(district_b).get(f"/thirdparty/trucks/{truck.pk}/").status_code == 404


@pytest.mark.django_db
def test_demo_dust_and_trucks():
    from ecogov.inventory import demo as inventory_demo

    ctx = core_demo.DemoContext(seed=20261123, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    inventory_demo.load(ctx)
    demo_dust.load(ctx)
    assert DustResponsibility.objects.count() == 49  # seed 002: 49 sites in one district
    assert DustResponsibility.objects.exclude(inspector=None).count() == 49
    assert JointReview.objects.filter(decision="stop").count() == 1
    kinds = list(TruckViolation.objects.values_list("kind", flat=True))
    assert (kinds.count("off_route"), kinds.count("unsealed")) == (3, 2)

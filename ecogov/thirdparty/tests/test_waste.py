"""Hazardous-waste disposal rate and radioactive-source storage, on hand-made records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ecogov.core.errors import Conflict, ValidationFailed
from ecogov.testing import factories
from ecogov.thirdparty import rates, selectors_waste, services_waste
from ecogov.thirdparty.models import CollectionPoint, RadioactiveSource, WasteUnit


def test_in_city_rate_by_hand():
    # 6.2 t + 3.3 t handled in the city, 0.5 t outside: 9.5 / 10.0 = 95.0 %
    rows = [(Decimal("6.2"), True), (Decimal("0.5"), False), (Decimal("3.3"), True)]
    assert rates.in_city_rate(rows) == {"tonnes": Decimal("10.0"), "in_city": Decimal("9.5"), "rate": Decimal("95.0")}
    # 1908 of 2000 t: 95.4 %; 2 of 3 t: 66.666.. rounds half up to 66.7 %
    assert rates.in_city_rate([(Decimal(1908), True), (Decimal(92), False)])["rate"] == Decimal("95.4")
    assert rates.in_city_rate([(Decimal(2), True), (Decimal(1), False)])["rate"] == Decimal("66.7")
    assert rates.in_city_rate([])["rate"] is None


def test_storage_rate_by_hand():
    assert rates.storage_rate(18, 0) == Decimal("100.0")
    assert rates.storage_rate(17, 1) == Decimal("94.4")  # 17 / 18 = 0.9444
    assert rates.storage_rate(0, 0) is None


@pytest.fixture
def units(tree):
    a, b = tree["district_a"], tree["district_b"]
    return {
        "prod_a": WasteUnit.objects.create(name="甲产废", role="producer", jurisdiction=a),
        "prod_b": WasteUnit.objects.create(name="乙产废", role="producer", jurisdiction=b),
        "inside": WasteUnit.objects.create(name="市内处置", role="handler", jurisdiction=a),
        "outside": WasteUnit.objects.create(name="市外处置", role="handler", jurisdiction=a, in_city=False),
    }


def test_disposal_figures_from_records_and_isolation(units, officer, tree):
    point = CollectionPoint.objects.create(code="P1", name="甲收集点", jurisdiction=tree["district_a"],
                                           operator=units["inside"], units_served=640)
    day = dt.date(2026, 3, 1)
    for no, producer, handler, t in (("M1", "prod_a", "inside", "3.000"), ("M2", "prod_a", "outside", "1.000"),
                                     ("M3", "prod_b", "inside", "6.000")):
        services_waste.collection_record(actor=officer, manifest_no=no, producer=units[producer],
                                         handler=units[handler], waste_code="HW08", tonnes=t, collected_on=day,
                                         point=point if producer == "prod_a" else None)
    city = selectors_waste.disposal_figures(officer)
    assert (city["tonnes"], city["in_city"], city["rate"]) == (Decimal("10"), Decimal("9"), Decimal("90.0"))
    assert (city["points"], city["units_served"]) == (1, 640)
    district_a = factories.user("district", tree["district_a"])
    mine = selectors_waste.disposal_figures(district_a)  # 3 of 4 t: 75.0 %
    assert (mine["tonnes"], mine["rate"]) == (Decimal("4"), Decimal("75.0"))
    with pytest.raises(Conflict):
        services_waste.collection_record(actor=officer, manifest_no="M1", producer=units["prod_a"],
                                         handler=units["inside"], waste_code="HW08", tonnes="1", collected_on=day)
    with pytest.raises(ValidationFailed):
        services_waste.collection_record(actor=officer, manifest_no="M9", producer=units["prod_a"],
                                         handler=units["prod_b"], waste_code="HW08", tonnes="1", collected_on=day)


def test_disused_source_sent_to_storage(officer, tree, client_for):
    s = RadioactiveSource.objects.create(code="0101CS123456", holder="示范钢铁", jurisdiction=tree["district_a"],
                                         nuclide="Cs-137", category="IV")
    with pytest.raises(Conflict):
        services_waste.source_store(source=s, stored_on=dt.date(2026, 5, 1), storage="废物库", actor=officer)
    services_waste.source_disuse(source=s, disused_on=dt.date(2026, 4, 1), actor=officer)
    assert selectors_waste.source_figures(officer)["rate"] == Decimal("0.0")
    resp = client_for(officer).post("/thirdparty/sources/store/", {"code": s.code, "stored_on": "2026-05-01",
                                                                   "storage": "省城市放射性废物库"})
    assert resp.status_code == 302
    f = selectors_waste.source_figures(officer)
    assert (f["disused"], f["stored"], f["holders"], f["rate"]) == (1, 1, 1, Decimal("100.0"))
    district_b = factories.user("district", tree["district_b"])
    assert selectors_waste.source_figures(district_b)["disused"] == 0

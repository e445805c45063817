"""Drinking-water sources on the one map: their location, the state of their newest sample
(GB 3838 single-factor class against the target, Table 2 items), the user's area, the source
page and API, and the demo's five sources inside their districts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ecogov.core import demo as core_demo
from ecogov.core.geo import geojson_contains
from ecogov.dashboard import selectors as dashboard
from ecogov.monitoring import demo
from ecogov.monitoring.models import DrinkingWaterSource, WaterSample
from ecogov.testing import factories

pytestmark = pytest.mark.django_db

GREEN, RED = "#2ca02c", "#d62728"
# Class II on every item (GB 3838 Table 1): DO 6.8 >= 6, CODMn 3.1 <= 4, NH3-N 0.4 <= 0.5,
# river TP 0.08 <= 0.1 (pH 7.5 within 6-9): class II against target III -> compliant.
CLASS_II = {"ph": 7.5, "do": 6.8, "codmn": 3.1, "nh3n": 0.4, "tp": 0.08}


def _source(code, jurisdiction, lon=None, lat=None, **kw):
    return DrinkingWaterSource.objects.create(code=code, name=f"{code}水源地", water_body_kind="river",
                                              water_body="清河", target_class=3, jurisdiction=jurisdiction,
                                              lon=lon, lat=lat, **kw)


@pytest.fixture
def sources(tree):
    a = _source("DA", tree["district_a"], 115.25, 28.5)
    b = _source("DB", tree["district_b"], 115.75, 28.5)
    sulfate = _source("DS", tree["district_a"], 115.3, 28.6)
    _source("DX", tree["district_a"])  # no coordinates: not on the map
    # A's older sample: NH3-N 2.5 > 2.0 (class V limit) -> worse than V; its newest one is class II
    WaterSample.objects.create(source=a, date=dt.date(2025, 5, 10), values={**CLASS_II, "nh3n": 2.5})
    WaterSample.objects.create(source=a, date=dt.date(2025, 6, 10), values=CLASS_II)
    # B: NH3-N 1.2 > 1.0 (III) and <= 1.5 (IV) -> class IV against target III -> not compliant
    WaterSample.objects.create(source=b, date=dt.date(2025, 6, 12), values={**CLASS_II, "nh3n": 1.2})
    # class II, but sulfate 300 mg/L above the Table 2 limit of 250 -> not compliant
    WaterSample.objects.create(source=sulfate, date=dt.date(2025, 6, 11), values={**CLASS_II, "sulfate": 300})
    return {"a": a, "b": b, "sulfate": sulfate}


def _features(user):
    fc = dashboard.layer_collection(user, "monitoring-drinking", {"zoom": "18"})
    return {f["properties"]["code"]: f for f in fc["features"]}


def test_layer_places_sources_at_their_point_coloured_by_the_newest_sample(sources, officer):
    feats = _features(officer)
    assert set(feats) == {"DA", "DB", "DS"}
    a = feats["DA"]
    assert a["geometry"]["coordinates"] == [115.25, 28.5]
    p = a["properties"]
    assert (p["klass"], p["state"], p["colour"], p["date"]) == (2, "compliant", GREEN, "2025-06-10")
    assert p["water_body"] == "清河" and p["name"] == "DA水源地"
    assert p["url"] == "/monitoring/water/sources/DA/"
    b = feats["DB"]["properties"]
    assert (b["klass"], b["state"], b["colour"], b["date"]) == (4, "not_compliant", RED, "2025-06-12")
    s = feats["DS"]["properties"]
    assert (s["klass"], s["state"], s["colour"]) == (2, "not_compliant", RED)


def test_popup_text_in_chinese(sources, officer):
    with translation.override("zh-hans"):
        p = _features(officer)["DB"]["properties"]
    assert p["label"] == "清河 · Ⅳ类"
    assert p["state_label"] == "未达标"
    assert p["note"] == "最近一次监测: 2025-06-12"


def test_a_district_user_sees_only_the_districts_sources(sources, district_a_user, tree):
    assert set(_features(district_a_user)) == {"DA", "DS"}
    b_user = factories.user("district", tree["district_b"])
    assert set(_features(b_user)) == {"DB"}


def test_the_layer_is_staff_only(sources, client):
    assert client.get("/public/dashboard/map/layers/monitoring-drinking/?zoom=18").status_code == 404


def test_an_out_of_range_longitude_is_refused_in_both_languages(tree):
    src = DrinkingWaterSource(code="BAD", name="坏水源", water_body_kind="river", target_class=3,
                              jurisdiction=tree["district_a"], lon=190.0, lat=28.5)
    for lang, text in (("zh-hans", "经度应在 -180 到 180 之间"), ("en", "Longitude must be between -180 and 180")):
        with translation.override(lang):
            with pytest.raises(ValidationError) as exc:
                src.full_clean()
            assert exc.value.message_dict == {"lon": [text]}
    src.lon, src.lat = 115.2, 95.0
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            src.full_clean()
        assert exc.value.message_dict == {"lat": ["Latitude must be between -90 and 90"]}
    assert not DrinkingWaterSource.objects.filter(code="BAD").exists()


def test_source_page_and_api_show_the_location(sources, officer, client_for):
    c = client_for(officer)
    page = c.get("/monitoring/water/sources/DA/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "115.250000, 28.500000" in html and "2025-06-10" in html
    assert c.get("/monitoring/water/sources/NOPE/").status_code == 404
    assert "/monitoring/water/sources/DA/" in c.get("/monitoring/water/?year=2025&month=6").content.decode()
    rows = {r["code"]: r for r in c.get("/api/monitoring/water/sources", {"year": 2025, "month": 6}).json()}
    assert (rows["DA"]["lon"], rows["DA"]["lat"]) == (115.25, 28.5)
    assert rows["DX"]["lon"] is None
    # June's mean for A is its one June sample (class II); B's class IV
    assert (rows["DA"]["klass"], rows["DA"]["compliant"]) == (2, True)
    assert (rows["DB"]["klass"], rows["DB"]["compliant"]) == (4, False)


def test_demo_sources_lie_inside_their_district(db):
    ctx = core_demo.DemoContext(seed=1, today=dt.date(2026, 11, 20))
    core_demo.load(ctx)
    demo._water(ctx, ctx.today)
    sources = list(DrinkingWaterSource.objects.select_related("jurisdiction"))
    assert len(sources) == 5
    for s in sources:
        assert s.lon is not None and s.lat is not None, s.code
        assert geojson_contains(s.jurisdiction.boundary, s.lon, s.lat), s.code
    assert len({(s.lon, s.lat) for s in sources}) == 5
    assert len({s.jurisdiction_id for s in sources}) == 5  # one district each

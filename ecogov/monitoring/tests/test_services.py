"""Warnings (workflow, audit, suggested level, emergency list), quality flags,
forecasts and water evaluation with hand-worked figures."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ecogov.core.audit import history
from ecogov.core.errors import IllegalTransition, PermissionRefused
from ecogov.core.validators import uscc_check_char
from ecogov.monitoring import services, water
from ecogov.monitoring.emergency import emergency_list
from ecogov.monitoring.models import DrinkingWaterSource, StationDaily, WaterSample, WaterSection
from ecogov.registry.models import SupervisedObject

TZ = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(tree, make_user):
    return make_user("leader", tree["city"], username="leader")


def _forecasts(city, actor, values, start=dt.date(2026, 1, 10)):
    for i, aqi in enumerate(values):
        services.forecast_set(jurisdiction=city, date=start + dt.timedelta(days=i), aqi=aqi, actor=actor)


def test_suggested_level_from_forecasts(tree, officer):
    # AQI > 200 on three days with one day > 300: orange (2018 guidance, standards.md §13)
    _forecasts(tree["city"], officer, [150, 210, 320, 230, 90])
    assert services.warning_suggest(jurisdiction=tree["city"], start=dt.date(2026, 1, 10)).level == "orange"
    _forecasts(tree["city"], officer, [150, 210, 120, 90, 90])
    assert services.warning_suggest(jurisdiction=tree["city"], start=dt.date(2026, 1, 10)).level == "blue"


def test_warning_issue_adjust_lift_with_audit_and_roles(tree, officer, leader):
    _forecasts(tree["city"], officer, [210, 215])
    w = services.warning_create(jurisdiction=tree["city"], level="yellow", start=dt.datetime(2026, 1, 10, tzinfo=TZ),
                                primary="PM2.5", actor=officer)
    assert (w.status, w.suggested_level) == ("draft", "yellow")
    with pytest.raises(PermissionRefused):
        services.warning_issue(warning=w, actor=officer)  # only a leader or an administrator issues
    w = services.warning_issue(warning=w, actor=leader)
    assert w.status == "issued" and w.issued_at is not None
    w = services.warning_adjust(warning=w, level="orange", actor=leader, reason="污染加重")
    assert (w.status, w.level) == ("issued", "orange")
    w = services.warning_lift(warning=w, actor=leader)
    assert w.status == "lifted" and w.lifted_at is not None
    with pytest.raises(IllegalTransition):
        services.warning_issue(warning=w, actor=leader)
    events = [(h.event, h.changes.get("status"), h.changes.get("level")) for h in history(w)][::-1]
    assert events == [
        ("create", [None, "draft"], [None, "yellow"]),
        ("transition", ["draft", "issued"], None),
        ("transition", ["issued", "issued"], ["yellow", "orange"]),
        ("transition", ["issued", "lifted"], None),
    ]


def _enterprise(tree, n, grade, **kw):
    first17 = f"91369900MA{n:07d}"
    return SupervisedObject.objects.create(uscc=first17 + uscc_check_char(first17), name=f"企业{n}",
                                           jurisdiction=tree["district_a"], performance_grade=grade,
                                           air_related=True, **kw)


def test_emergency_reduction_list_per_level(tree, officer, leader):
    _enterprise(tree, 1, "C")
    _enterprise(tree, 2, "A")
    _enterprise(tree, 3, "")  # no grade: not on the list
    _enterprise(tree, 4, "D", status="closed")  # closed: not on the list
    w = services.warning_create(jurisdiction=tree["city"], level="orange", start=dt.datetime(2026, 1, 10, tzinfo=TZ),
                                actor=officer)
    rows = emergency_list(officer, w)
    assert [(r["object"].name, r["measure"]) for r in rows] == [("企业2", "自主采取减排措施，不作强制要求"), ("企业1", "限产50%")]


def test_quality_flag_recomputes_the_day(city_data, officer):
    a = city_data["a"]
    services.quality_flag_create(station=a, kind="fault", pollutant="pm25", actor=officer,
                                 start=dt.datetime(2025, 6, 1, 1, tzinfo=TZ), end=dt.datetime(2025, 6, 1, 6, tzinfo=TZ))
    day = StationDaily.objects.get(station=a, date=dt.date(2025, 6, 1))
    assert (day.pm25, day.hours) == (None, 18)  # 24 - 6 flagged hours < 20: no daily PM2.5


def test_water_month_summary_by_hand(tree):
    def section(code, target, kind="river"):
        return WaterSection.objects.create(code=code, name=code, level="national", water_body_kind=kind, river="河",
                                           target_class=target, jurisdiction=tree["district_a"])

    day = dt.date(2026, 5, 12)
    # S1: worst item NH3-N 0.4 -> class II (0.15 < 0.4 <= 0.5); DO 7.6 class I; target II: met
    WaterSample.objects.create(section=section("S1", 2), date=day, values={"do": 7.6, "nh3n": 0.4, "tp": 0.05})
    # S2: TP 0.25 -> class IV for a river (0.2 < 0.25 <= 0.3); target III: missed
    WaterSample.objects.create(section=section("S2", 3), date=day, values={"do": 6.1, "nh3n": 0.9, "tp": 0.25})
    # S3 (lake): TP 0.06 on the lake column -> class IV (0.05 < 0.06 <= 0.1); two samples: NH3-N mean (2.2+2.6)/2=2.4 -> 劣V
    s3 = section("S3", 3, "lake")
    WaterSample.objects.create(section=s3, date=day, values={"tp": 0.06, "nh3n": 2.2})
    WaterSample.objects.create(section=s3, date=day + dt.timedelta(days=10), values={"tp": 0.06, "nh3n": 2.6})
    src = DrinkingWaterSource.objects.create(code="D1", name="水源", water_body_kind="river", target_class=3,
                                             jurisdiction=tree["city"])
    WaterSample.objects.create(source=src, date=day, values={"do": 6.5, "nh3n": 0.3, "tp": 0.1})
    s = water.water_summary(2026, 5)
    assert [r.klass for r in s["sections"]] == [2, 4, 6]
    assert (s["rated"], s["good"], s["worse_than_v"], s["compliant"]) == (3, 1, 1, 1)
    assert round(s["good_ratio"], 2) == 33.33
    assert (s["sources_rated"], s["sources_compliant"]) == (1, 1)


def test_early_warning_on_a_rising_trend(tree):
    sec = WaterSection.objects.create(code="T1", name="T1", level="city", water_body_kind="river", river="河",
                                      target_class=2, jurisdiction=tree["district_a"])
    # NH3-N 0.30, 0.36, 0.42, 0.48 (class II, <= 0.5) rising 0.06 a month: next month 0.54 -> class III > target II
    for m, v in enumerate([0.30, 0.36, 0.42, 0.48], start=1):
        WaterSample.objects.create(section=sec, date=dt.date(2026, m, 15), values={"nh3n": v, "do": 7.0})
    warnings = water.early_warnings(sec, until=dt.date(2026, 4, 30))
    assert warnings == [{"kind": "forecast", "item": "nh3n", "value": 0.54, "klass": 3}]

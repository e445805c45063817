"""Each app's section on a small hand-made data set (figures worked out by hand below),
and a district's section holds only its own data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ecogov.enforcement.briefing import build as enforcement
from ecogov.enforcement.models import CaseTransfer, PenaltyCase, YellowCard
from ecogov.monitoring.briefing import air
from ecogov.monitoring.models import Station, StationDaily
from ecogov.outreach.briefing import build as outreach
from ecogov.outreach.models import Facility, OpenDayEvent, OpenDayRegistration
from ecogov.registry.tests.helpers import make_object
from ecogov.supervision.briefing import build as supervision
from ecogov.supervision.models import OffsiteCheck

pytestmark = pytest.mark.django_db
AUG = {"start": dt.date(2021, 8, 1), "end": dt.date(2021, 8, 31)}


def _values(sec):
    return {k: f["value"] for k, f in sec["figures"].items()}


def _case(obj, n, **fields):
    return PenaltyCase.objects.create(case_no=f"C{n:04d}", supervised_object=obj, facts="超标排放",
                                      opened_date=dt.date(2021, 1, 1), **fields)


def test_enforcement_counts_the_year_to_date_of_the_area(tree, admin_user):
    a, b = make_object(tree["grid_a"]), make_object(tree["grid_b"])
    _case(a, 1, filed_date=dt.date(2021, 3, 1), decision_date=dt.date(2021, 4, 1), status="closed",
          amount=Decimal("100000"))
    _case(a, 2, filed_date=dt.date(2021, 8, 5), decision_date=dt.date(2021, 8, 20), status="decided",
          amount=Decimal("25000"))
    _case(a, 3, filed_date=dt.date(2021, 8, 10), status="investigation")
    _case(a, 4, filed_date=dt.date(2021, 9, 2), status="filed")  # after August
    _case(b, 5, filed_date=dt.date(2021, 5, 1), decision_date=dt.date(2021, 6, 1), status="closed",
          amount=Decimal("50000"))
    YellowCard.objects.create(supervised_object=a, issued_date=dt.date(2021, 7, 1), valid_from=dt.date(2021, 7, 1),
                              valid_to=dt.date(2022, 6, 30), reason="屡查屡犯")
    c3 = PenaltyCase.objects.get(case_no="C0003")
    CaseTransfer.objects.create(case=c3, receiver="police", receiver_name="公安分局", transfer_date=dt.date(2021, 8, 12),
                                status="sent", status_date=dt.date(2021, 8, 12))
    sec = enforcement(admin_user, jurisdiction=tree["district_a"], **AUG)
    # district A, 1-8月: filed cases 1, 2, 3 = 3; decided 1, 2 = 2; fines 100,000 + 25,000 = 12.5 (CNY 10,000)
    assert _values(sec) == {"filed": 3, "decided": 2, "amount": 12.5, "yellow": 1, "transfers": 1}
    assert "行政处罚立案3件，处罚2件，罚款12.50万元" in sec["paragraphs"][0].format(**{
        k: f["text"] for k, f in sec["figures"].items()})
    # the month alone (table): filed 2, 3 = 2; decided 2 = 1; fine 2.50
    assert sec["tables"][0]["rows"][0] == ["立案（件）", "2", "3"]
    assert sec["tables"][0]["rows"][2] == ["罚款（万元）", "2.50", "12.50"]
    city = _values(enforcement(admin_user, jurisdiction=tree["city"], **AUG))
    assert (city["filed"], city["decided"], city["amount"]) == (4, 3, 17.5)


def test_supervision_classes_positive_list_and_offsite_checks(tree, admin_user):
    objs = [make_object(tree["grid_a"], supervision_class=k, on_positive_list=(i == 0))
            for i, k in enumerate("AABCCC")]
    make_object(tree["grid_b"], supervision_class="A")
    for day in (dt.date(2021, 2, 1), dt.date(2021, 8, 31), dt.date(2021, 9, 1)):
        OffsiteCheck.objects.create(supervised_object=objs[0], date=day, method="online")
    sec = supervision(admin_user, jurisdiction=tree["district_a"], **AUG)
    v = _values(sec)
    # district A: 6 objects, A 2 / B 1 / C 3, 1 on the positive list; off-site checks Feb and 31 Aug (not Sep) = 2
    assert (v["objects"], v["a"], v["b"], v["c"], v["positive"], v["offsite"]) == (6, 2, 1, 3, 1, 2)
    assert sec["charts"][0]["series"][0]["values"] == [2.0, 1.0, 3.0]
    assert (v["plans"], v["coverage"]) == (0, None)  # no plan: the rate is "—", not 0 or 100
    assert sec["figures"]["coverage"]["text"] == "—"


def test_outreach_open_days_and_visitors(tree, admin_user):
    fa = Facility.objects.create(name="甲区污水处理厂", kind="污水处理", jurisdiction=tree["district_a"])
    fb = Facility.objects.create(name="乙区监测站", kind="监测站", jurisdiction=tree["district_b"])
    events = [OpenDayEvent.objects.create(facility=f, date=d, title="开放日", capacity=50, held=held)
              for f, d, held in ((fa, dt.date(2021, 3, 5), True), (fa, dt.date(2021, 8, 8), True),
                                 (fa, dt.date(2021, 8, 28), False), (fb, dt.date(2021, 6, 1), True))]
    for i, (event, came) in enumerate(((events[0], 12), (events[0], 3), (events[1], 20), (events[3], 40))):
        OpenDayRegistration.objects.create(event=event, code=f"R{i:05d}", name="张三", phone="13800000000",
                                           party_size=came, attended=came)
    v = _values(outreach(admin_user, jurisdiction=tree["district_a"], **AUG))
    # district A: held on 5 Mar and 8 Aug (28 Aug not held) = 2 open days; visitors 12 + 3 + 20 = 35
    assert (v["facilities"], v["events"], v["visitors"]) == (1, 2, 35)


def test_air_quality_of_a_district_by_hand(tree, admin_user):
    st = Station.objects.create(code="A001", name="甲区站", kind="national", is_evaluation=True,
                                jurisdiction=tree["district_a"])
    other = Station.objects.create(code="B001", name="乙区站", kind="national", is_evaluation=True,
                                   jurisdiction=tree["district_b"])
    low = {"so2": 10, "no2": 20, "co": 0.8, "pm10": 40, "o3_8h": 100, "o3_1h_max": 120}
    for day in range(1, 32):
        pm25 = 80 if day <= 7 else 30
        StationDaily.objects.create(station=st, date=dt.date(2021, 8, day), pm25=pm25, **low)
        StationDaily.objects.create(station=other, date=dt.date(2021, 8, day), pm25=150, **low)
    sec = air(admin_user, jurisdiction=tree["district_a"], **AUG)
    v = _values(sec)
    # HJ 633-2012: PM2.5 30 -> IAQI 43, 80 -> 107; the other pollutants stay <= 50, so AQI = 50 on 24 days
    # (good) and 107 on 7 days: 24 / 31 = 77.4 %. PM2.5 mean (7 x 80 + 24 x 30) / 31 = 41.29 -> 41.
    assert (v["valid_days"], v["good_days"], v["good_ratio"], v["pm25"]) == (31, 24, 77.4, 41.0)
    assert (v["ytd_good_ratio"], v["ytd_pm25"]) == (77.4, 41.0)
    assert v["pm25_change_pct"] is None  # no data a year before: "—", never a made-up number
    assert sec["figures"]["pm25_change_pct"]["text"] == "—"
    six = {row[0]: row[-1] for row in sec["tables"][0]["rows"]}
    assert six["PM2.5"] == "超标" and six["SO2"] == "达标"  # 41 > 35 (Grade II annual, GB 3095-2012)
    assert sec["coverage"] == 1.0 and sec["as_of"] == "2021-08-31"


def test_warnings_issued_in_the_year_by_level(tree, admin_user):
    from zoneinfo import ZoneInfo

    from ecogov.monitoring.briefing import warnings
    from ecogov.monitoring.models import PollutionWarning

    tz = ZoneInfo("Asia/Shanghai")
    for j, level, status, day in ((tree["district_a"], "yellow", "lifted", dt.date(2021, 1, 10)),
                                  (tree["district_a"], "orange", "issued", dt.date(2021, 8, 31)),
                                  (tree["district_a"], "yellow", "draft", dt.date(2021, 8, 2)),  # never issued
                                  (tree["district_a"], "red", "issued", dt.date(2021, 9, 1)),  # after August
                                  (tree["district_b"], "blue", "issued", dt.date(2021, 3, 1))):
        at = dt.datetime.combine(day, dt.time(20, 0), tzinfo=tz)
        PollutionWarning.objects.create(jurisdiction=j, level=level, status=status, start=at,
                                        issued_at=at if status != "draft" else None)
    sec = warnings(admin_user, jurisdiction=tree["district_a"], **AUG)
    # district A, 1-8月: the yellow of 10 January and the orange of 31 August (20:00 local time) = 2
    assert _values(sec) == {"warnings": 2, "yellow": 1, "orange": 1}
    assert "发布重污染天气预警{warnings}次（黄色预警{yellow}次、橙色预警{orange}次）" in sec["paragraphs"][0]

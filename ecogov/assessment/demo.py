"""Demo assessment: the province's other 10 cities as comparison figures (this city 1st of 11 this
year, lower last year), 167 other key cities nationwide (7th of 168, up 33 places; ``demo_national``), scorecard units (5 districts, 20 streets, 2 parks), the methodologies of last
year (published, frozen, one district vetoed for a major accident, one street's data correction
accepted) and of this year (draft, live), with their veto rules."""

from __future__ import annotations

import datetime as dt

from ecogov.core import contrib
from ecogov.core.models import User

from . import air, demo_national, demo_programmes, services
from .models import Methodology, MethodologyItem, PeerCityAir, Unit, VetoEvent, VetoRule

PEER_CITIES = ["东湖市", "北山市", "南岭市", "临江市", "云港市", "石城市", "丰原市", "安远市", "瑞金台市", "龙泉市"]
#: Composite index of each peer relative to this city this year and last year (last year 3 cities did better).
PEER_FACTORS_NOW = [1.04, 1.07, 1.10, 1.12, 1.15, 1.18, 1.21, 1.25, 1.30, 1.36]
PEER_FACTORS_BEFORE = [0.95, 0.97, 0.99, 1.03, 1.06, 1.09, 1.13, 1.17, 1.22, 1.28]
URBAN = 3  # the first three districts are urban districts, the other two counties

DISTRICT_ITEMS = [
    ("air_pm25", 20, {"kind": "linear", "floor": 35, "target": 20}),
    ("air_pm25_change", 10, {"kind": "linear", "floor": 5, "target": -8}),
    ("air_good_ratio", 20, {"kind": "linear", "floor": 85, "target": 99}),
    ("water_good_ratio", 20, {"kind": "bands", "bands": [[100, 100], [90, 90], [80, 75], [0, 50]]}),
    ("water_target", 10, {"kind": "linear", "floor": 60, "target": 100}),
]
OTHER_ITEMS = {  # indicators of other apps, used when registered
    "registry_execution_report_rate": (5, {"kind": "linear", "floor": 60, "target": 100}),
    "supervision_double_random_completion": (5, {"kind": "linear", "floor": 50, "target": 100}),
    "complaints_in_time_rate": (5, {"kind": "linear", "floor": 70, "target": 100}),
    "enforcement_cases_per_100": (5, {"kind": "bands", "bands": [[10, 100], [5, 80], [2, 60], [0, 30]]}),
    "rectification-on-schedule": (5, {"kind": "linear", "floor": 60, "target": 100}),
}
STREET_ITEMS = [
    ("air_good_ratio", 30, {"kind": "linear", "floor": 85, "target": 99}),
    ("air_pm25", 30, {"kind": "linear", "floor": 40, "target": 18}),
]
VETOES = [("major_accident", "zero", ""), ("falsified_data", "cap_grade", "pass"), ("red_list", "no_excellent", "")]


def _peers(ctx, user) -> int:
    today = ctx.today
    own = air.city_result(user, year=today.year, period="ytd", today=today)
    now = own.composite if own and own.composite else 3.2
    before = own.previous.composite if own and own.previous and own.previous.composite else now * 1.08
    rows = []
    for year, base, factors in ((today.year, now, PEER_FACTORS_NOW), (today.year - 1, before, PEER_FACTORS_BEFORE)):
        for month in range(1, 13):
            season = 1 + 0.04 * ((month % 6) - 3) / 3
            for name, f in zip(PEER_CITIES, factors, strict=True):
                c = round(base * f * season, 2)
                rows.append(PeerCityAir(year=year, month=month, city=name, composite=c, pm25=round(c * 8.4),
                                        good_ratio=round(min(99.5, 100 - (c - 2.5) * 6), 1), source="省生态环境厅通报"))
    PeerCityAir.objects.bulk_create(rows)
    taken = set(PEER_CITIES) | ({own.name} if own else set())
    return len(rows) + demo_national.load(year=today.year, month=own.end.month if own else today.month, now=now,
                                          before=before, taken=taken)


def _units(ctx) -> list[Unit]:
    tree = ctx.data["jurisdictions"]
    units = [Unit(name=d.name, kind="district", peer_group="urban" if i < URBAN else "county", jurisdiction=d)
             for i, d in enumerate(tree["district"])]
    units += [Unit(name=s.name, kind="street", peer_group="street", jurisdiction=s) for s in tree["street"]]
    parks = [s for s in tree["street"] if "工业园" in s.name][:2]
    units += [Unit(name=f"{p.name[:-2]}区", kind="park", peer_group="park", jurisdiction=p) for p in parks]
    return Unit.objects.bulk_create(units)


def _methodology(kind: str, year: int, status_note: str, items) -> Methodology:
    m = Methodology.objects.create(kind=kind, year=year, version=1, valid_from=dt.date(year, 1, 1),
                                   title=f"{year}年度{status_note}生态环境保护目标责任考核办法")
    keys = {i.key for i in contrib.indicators}
    rows = [MethodologyItem(methodology=m, indicator=k, weight=w, rule=r, order=n)
            for n, (k, w, r) in enumerate(items) if k in keys]
    extra = [(k, w, r) for k, (w, r) in OTHER_ITEMS.items() if k in keys]
    rows += [MethodologyItem(methodology=m, indicator=k, weight=w, rule=r, order=50 + n)
             for n, (k, w, r) in enumerate(extra)]
    MethodologyItem.objects.bulk_create(rows)
    VetoRule.objects.bulk_create([VetoRule(methodology=m, condition=c, consequence=q, cap_grade=g)
                                  for c, q, g in VETOES])
    return m


def load(ctx) -> None:
    admin = User.objects.filter(is_superuser=True).order_by("id").first()
    if admin is None:
        return
    n_peers = _peers(ctx, admin)
    units = _units(ctx)
    year = ctx.today.year
    vetoed = next(u for u in units if u.kind == "district" and u.peer_group == "county")
    VetoEvent.objects.create(unit=vetoed, year=year - 1, condition="major_accident", date=dt.date(year - 1, 7, 14),
                             description="辖区企业发生较大突发环境事件（危化品泄漏致河道污染）",
                             evidence=f"市突发环境事件调查报告〔{year - 1}〕3号", created_by=admin)
    published = {}
    for kind, items, note in (("district", DISTRICT_ITEMS, "区县"), ("street", STREET_ITEMS, "街道（乡镇）"),
                              ("park", STREET_ITEMS, "工业园区")):
        published[kind] = _methodology(kind, year - 1, note, items)
        _methodology(kind, year, note, items)
    for m in published.values():
        services.methodology_publish(methodology=m, actor=admin, today=dt.date(year - 1, 12, 31))
    # the last-ranked street with a value for its first indicator asks to correct it
    res = next((r for r in published["street"].results.select_related("unit").order_by("-rank")
                if r.indicators and next(iter(r.indicators.values())).get("value") is not None), None)
    if res is not None:
        key = next(iter(res.indicators))
        corr = services.correction_request(result=res, indicator=key, new_value=(res.indicators[key]["value"] or 0) + 2,
                                           reason="监测站点运维期间数据缺失，补充有效日数据（附运维记录）", actor=admin,
                                           today=published["street"].correction_until)
        services.correction_decide(correction=corr, accept=True, note="经核实，予以采纳", actor=admin)
    ctx.log(f"  {demo_programmes.load(ctx)}")
    ctx.log(f"  comparison figures: {n_peers}, units: {len(units)}, published scorecards: "
            f"{sum(m.results.count() for m in published.values())}")

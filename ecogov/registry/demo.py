"""Demo registry of the demo city (示范市), deterministic from ``ctx.rng``.

Figures of the seed city [004]: 2,640 supervised objects classed 169 A / 579 B /
1,892 C, 445 on the positive list, 724 discharge permits, 9,262 discharge
registrations, 526 commitment letters, 3 cleaner-production audits with 35
no/low-cost and 5 medium/high-cost measures, and the annual execution-report
submission rate of the last full year at 100 %.

The seed's figures are those of its bulletin on the end of August of the demo year
(1-8月, issued 3 September): commitment letters and registrations are dated by then
(``seed_end``), so the August monthly briefing counts them all.
"""

from __future__ import annotations

import datetime as dt

from ecogov.core.audit import audit_bulk_create
from ecogov.core.models import Jurisdiction, User
from ecogov.core.validators import uscc_check_char

from .models import (
    ClassChange,
    CleanerProductionAudit,
    Commitment,
    ExecutionReport,
    Permit,
    PositiveListEntry,
    Registration,
    SupervisedObject,
)
from .services import report_periods

CLASS_COUNTS = {"A": 169, "B": 579, "C": 1892}
N_OBJECTS = sum(CLASS_COUNTS.values())  # 2,640
POSITIVE_LIST = 445
PERMITS = {"A": 169, "B": 400, "C": 155}  # 724
KEY_MANAGEMENT_B = 160  # A-class permits are all key management, plus these B-class ones
REGISTRATIONS = 9262
LINKED_REGISTRATIONS = 1700  # supervised objects without a permit that hold a registration
COMMITMENTS = 526
CP_AUDITS = [(2024, 15, 2), (2025, 12, 2), (2026, 8, 1)]  # (year, no/low-cost, medium/high-cost): 35 and 5
ENTERPRISE_ACCOUNTS = 10
SEED_PERIOD_END = (8, 31)  # the seed's bulletin reports January-August [004]

# GB/T 4754-2017 class codes: (code, name, name suffix, water, air, hw producer, hw handler, soil, weight A/B/C)
INDUSTRIES = [
    ("2614", "有机化学原料制造", "化工有限公司", 1, 1, 1, 0, 1, (9, 3, 1)),
    ("2641", "涂料制造", "涂料有限公司", 0, 1, 1, 0, 1, (5, 3, 1)),
    ("2710", "化学药品原料药制造", "制药有限公司", 1, 1, 1, 0, 1, (6, 3, 1)),
    ("3011", "水泥制造", "水泥有限公司", 0, 1, 0, 0, 0, (5, 2, 0)),
    ("3110", "炼铁", "钢铁有限公司", 1, 1, 1, 0, 1, (3, 1, 0)),
    ("3391", "黑色金属铸造", "铸造有限公司", 0, 1, 1, 0, 0, (3, 6, 4)),
    ("3360", "金属表面处理及热处理加工", "表面处理有限公司", 1, 1, 1, 0, 1, (6, 5, 2)),
    ("2221", "机制纸及纸板制造", "纸业有限公司", 1, 1, 0, 0, 0, (4, 3, 1)),
    ("1713", "棉印染精加工", "印染有限公司", 1, 1, 0, 0, 0, (5, 4, 1)),
    ("1910", "皮革鞣制加工", "皮革有限公司", 1, 0, 1, 0, 1, (3, 2, 0)),
    ("4411", "火力发电", "发电有限公司", 1, 1, 1, 0, 0, (3, 1, 0)),
    ("4620", "污水处理及其再生利用", "水务有限公司", 1, 0, 0, 0, 0, (6, 4, 1)),
    ("7724", "危险废物治理", "环保科技有限公司", 1, 1, 1, 1, 1, (4, 1, 0)),
    ("3982", "电子电路制造", "电子有限公司", 1, 1, 1, 0, 1, (3, 5, 3)),
    ("3670", "汽车零部件及配件制造", "汽车部件有限公司", 0, 1, 1, 0, 0, (1, 6, 8)),
    ("2929", "塑料零件及其他塑料制品制造", "塑业有限公司", 0, 1, 0, 0, 0, (0, 4, 10)),
    ("2110", "木质家具制造", "家具有限公司", 0, 1, 1, 0, 0, (0, 4, 10)),
    ("2319", "包装装潢及其他印刷", "印务有限公司", 0, 1, 1, 0, 0, (0, 3, 10)),
    ("1351", "牲畜屠宰", "食品有限公司", 1, 0, 0, 0, 0, (1, 3, 6)),
    ("1391", "淀粉及淀粉制品制造", "淀粉有限公司", 1, 0, 0, 0, 0, (1, 2, 4)),
    ("1513", "啤酒制造", "啤酒有限公司", 1, 0, 0, 0, 0, (1, 2, 2)),
    ("0313", "猪的饲养", "生态养殖有限公司", 1, 1, 0, 0, 0, (1, 4, 10)),
    ("8111", "汽车修理与维护", "汽车维修有限公司", 0, 1, 1, 0, 0, (0, 2, 14)),
    ("8411", "综合医院", "医院", 1, 0, 1, 0, 0, (1, 3, 4)),
    ("3021", "水泥制品制造", "建材有限公司", 0, 1, 0, 0, 0, (0, 3, 10)),
    ("3831", "电线、电缆制造", "线缆有限公司", 0, 1, 0, 0, 0, (0, 2, 6)),
]
SMALL_UNITS = [  # registered units outside the supervised registry (登记管理)
    ("8111", "汽车维修服务部"),
    ("2319", "印刷厂"),
    ("8051", "洗染店"),
    ("2110", "家具加工厂"),
    ("3311", "钢结构加工厂"),
    ("5265", "加油站"),
    ("0313", "养殖场"),
    ("1371", "蔬菜加工厂"),
    ("2929", "塑料制品厂"),
    ("3021", "预制构件厂"),
    ("1431", "食品厂"),
    ("3130", "铝型材加工厂"),
]
NAME_CHARS = "华宏鑫泰金瑞昌盛恒达兴隆丰源康宇佳美永安博远天成润通聚德信诚汇力锦鸿嘉明辉凯翔正旺瀚森蓝图景晟"
ROADS = [
    "工业大道",
    "创业路",
    "科技路",
    "滨江路",
    "富山路",
    "长青路",
    "兴业大道",
    "迎宾大道",
    "站前路",
    "园区一路",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红"
GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code(body8: str) -> str:
    """Organisation code (positions 9-17 of a USCC) with its GB 11714-1997 check character."""
    total = sum(int(c) * w for c, w in zip(body8, GB11714_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body8 + ("X" if check == 10 else "0" if check == 11 else str(check))


class _Gen:
    """Helpers sharing the demo RNG and the jurisdiction lookups."""

    def __init__(self, ctx, grids: list[Jurisdiction]):
        self.rng, self.today, self.grids = ctx.rng, ctx.today, grids
        self.seed_end = min(ctx.today, dt.date(ctx.today.year, *SEED_PERIOD_END))
        codes = {c for g in grids for c in g.path.strip("/").split("/")}
        self.names = dict(Jurisdiction.objects.filter(code__in=codes).values_list("code", "name"))
        self.usccs: set[str] = set(SupervisedObject.objects.values_list("uscc", flat=True))

    def uscc(self, grid: Jurisdiction) -> str:
        district = self._district_code(grid)
        while True:
            first17 = "91" + district[:6] + org_code(f"{self.rng.randrange(10**8):08d}")
            code = first17 + uscc_check_char(first17)
            if code not in self.usccs:
                self.usccs.add(code)
                return code

    def _district_code(self, grid: Jurisdiction) -> str:
        parts = grid.path.strip("/").split("/")
        return (parts[1] if len(parts) > 1 else parts[0]).ljust(6, "0")

    def place(self, grid: Jurisdiction) -> tuple[float, float]:
        """A point strictly inside the grid cell's rectangle [degrees, WGS-84]."""
        ring = (grid.boundary or {}).get("coordinates", [[]])[0]
        if not ring:
            return grid.centroid_lon, grid.centroid_lat
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        fx, fy = self.rng.uniform(0.03, 0.97), self.rng.uniform(0.03, 0.97)
        lon = min(lons) + fx * (max(lons) - min(lons))
        lat = min(lats) + fy * (max(lats) - min(lats))
        return round(lon, 6), round(lat, 6)

    def address(self, grid: Jurisdiction) -> str:
        parts = grid.path.strip("/").split("/")
        district = self.names.get(parts[1], "") if len(parts) > 1 else ""
        street = self.names.get(parts[2], "") if len(parts) > 2 else ""
        return f"示范市{district}{street}{self.rng.choice(ROADS)}{self.rng.randint(1, 388)}号"

    def brand(self, grid: Jurisdiction) -> str:
        parts = grid.path.strip("/").split("/")
        district = self.names.get(parts[1], "示范区") if len(parts) > 1 else "示范区"
        return district[:2] + "".join(self.rng.sample(NAME_CHARS, 2))

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.randint(1, 2))
        )

    def phone(self) -> str:
        return f"1{self.rng.choice('3589')}{self.rng.randrange(10**9):09d}"

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))


def _five_years(day: dt.date) -> dt.date:
    """Last day of a five-year validity starting on ``day``."""
    end = day.replace(day=28) if (day.month, day.day) == (2, 29) else day
    return end.replace(year=end.year + 5) - dt.timedelta(days=1)


def _industry(rng, cls: str):
    idx = "ABC".index(cls)
    return rng.choices(INDUSTRIES, weights=[row[8][idx] for row in INDUSTRIES])[0]


def _grade(rng, cls: str, air: bool) -> str:
    if not air:
        return ""
    weights = {"A": (3, 4, 2, 1, 0, 0), "B": (1, 3, 3, 3, 1, 1), "C": (0, 1, 2, 3, 1, 3)}[cls]
    return rng.choices(["A", "B", "B-", "C", "D", "X"], weights=weights)[0]


def _objects(gen: _Gen) -> list[SupervisedObject]:
    rng = gen.rng
    classes = [c for c, n in CLASS_COUNTS.items() for _ in range(n)]
    rng.shuffle(classes)
    seen: set[str] = set()
    out = []
    for cls in classes:
        grid = rng.choice(gen.grids)
        code, industry, suffix, water, air, hwp, hwh, soil, _w = _industry(rng, cls)
        name = gen.brand(grid) + suffix
        while name in seen:
            name = gen.brand(grid) + rng.choice(NAME_CHARS) + suffix
        seen.add(name)
        lon, lat = gen.place(grid)
        key = cls == "A" or (cls == "B" and rng.random() < 0.25)
        out.append(
            SupervisedObject(
                uscc=gen.uscc(grid),
                name=name,
                address=gen.address(grid),
                lon=lon,
                lat=lat,
                industry_code=code,
                industry_name=industry,
                jurisdiction=grid,
                legal_representative=gen.person(),
                contact_person=gen.person(),
                contact_phone=gen.phone(),
                status="suspended" if rng.random() < 0.02 else "active",
                is_key_unit=key,
                is_special=rng.random() < 0.02,
                water_related=bool(water),
                air_related=bool(air),
                hw_producer=bool(hwp) and (cls != "C" or rng.random() < 0.5),
                hw_handler=bool(hwh),
                soil_key_unit=bool(soil) and cls == "A" and rng.random() < 0.6,
                supervision_class=cls,
                class_pollution_level={"A": "排放量大", "B": "排放量中等", "C": "排放量小"}[cls],
                class_industry=industry,
                class_risk={"A": "较大风险", "B": "一般风险", "C": "风险较低"}[cls],
                performance_grade=_grade(rng, cls, bool(air)),
            )
        )
    return SupervisedObject.objects.bulk_create(out, batch_size=500)


def _classes(gen: _Gen, objects: list[SupervisedObject]) -> None:
    rng, first = gen.rng, dt.date(gen.today.year - 1, 3, 1)
    rows = [
        ClassChange(
            supervised_object=o,
            old_class="",
            new_class=o.supervision_class,
            pollution_level=o.class_pollution_level,
            industry=o.class_industry,
            risk=o.class_risk,
            effective_date=first,
            reason="首次分类（差异化监管）",
        )
        for o in objects
    ]
    for o in rng.sample(objects, 80):  # this year's reclassifications ending in the current class
        old = rng.choice([c for c in "ABC" if c != o.supervision_class])
        rows.append(
            ClassChange(
                supervised_object=o,
                old_class=old,
                new_class=o.supervision_class,
                pollution_level=o.class_pollution_level,
                industry=o.class_industry,
                risk=o.class_risk,
                effective_date=gen.day_between(dt.date(gen.today.year, 1, 5), gen.today),
                reason="年度动态调整",
            )
        )
        rows[objects.index(o)].new_class = old
    ClassChange.objects.bulk_create(rows, batch_size=1000)


def _positive_list(gen: _Gen, objects: list[SupervisedObject]) -> None:
    rng = gen.rng
    eligible = [o for o in objects if o.supervision_class != "A" and o.status == "active"]
    listed = rng.sample(eligible, POSITIVE_LIST)
    rows = []
    for o in listed:
        o.on_positive_list = True
        rows.append(
            PositiveListEntry(
                supervised_object=o,
                reason="环境管理规范，近两年无环境违法记录",
                start_date=gen.day_between(dt.date(gen.today.year - 1, 4, 1), gen.today),
            )
        )
    for o in rng.sample([o for o in eligible if not o.on_positive_list], 30):
        start = gen.day_between(dt.date(gen.today.year - 2, 1, 1), dt.date(gen.today.year - 1, 6, 30))
        rows.append(
            PositiveListEntry(
                supervised_object=o,
                start_date=start,
                reason="环境管理规范",
                end_date=start + dt.timedelta(days=rng.randint(60, 300)),
                removal_reason="发生环境违法行为被立案查处",
            )
        )
    SupervisedObject.objects.bulk_update(listed, ["on_positive_list"], batch_size=500)
    PositiveListEntry.objects.bulk_create(rows)


def _permits(gen: _Gen, objects: list[SupervisedObject]) -> list[Permit]:
    rng, out = gen.rng, []
    by_class = {c: [o for o in objects if o.supervision_class == c] for c in "ABC"}
    for cls, n in PERMITS.items():
        holders = rng.sample(by_class[cls], n)
        for i, o in enumerate(holders):
            key = cls == "A" or (cls == "B" and i < KEY_MANAGEMENT_B)
            if key:
                freqs = (
                    ["annual", "monthly"] if o.industry_code in ("4411", "4620") else ["annual", "quarterly"]
                )
            else:
                freqs = ["annual", "semiannual"] if rng.random() < 0.3 else ["annual"]
            issued = gen.day_between(dt.date(2021, 12, 1), dt.date(2025, 6, 30))
            out.append(
                Permit(
                    supervised_object=o,
                    permit_no=f"{o.uscc}001P",
                    management_class="key" if key else "simplified",
                    issued_date=issued,
                    valid_from=issued,
                    valid_to=_five_years(issued),
                    report_frequencies=freqs,
                )
            )
    return Permit.objects.bulk_create(out, batch_size=500)


def _submitted(gen: _Gen, freq: str, end: dt.date, due: dt.date) -> dt.date | None:
    """The realistic submission pattern: every annual report of the last full year on time,
    most others on time, a few late, this year's last quarter partly overdue."""
    rng, today = gen.rng, gen.today
    if due > today:  # not yet due: early submitters only
        return (
            gen.day_between(end + dt.timedelta(days=1), today) if end < today and rng.random() < 0.4 else None
        )
    if freq == "annual" and end.year == today.year - 1:
        return gen.day_between(end + dt.timedelta(days=1), due)
    recent = (today - due).days < 60
    p_missing = 0.08 if recent else 0.015
    roll = rng.random()
    if roll < p_missing:
        return None
    if roll < p_missing + 0.04:  # late
        return min(today, due + dt.timedelta(days=rng.randint(1, 40)))
    return gen.day_between(end + dt.timedelta(days=1), due)


def _reports(gen: _Gen, permits: list[Permit]) -> int:
    rows = []
    for permit in permits:
        for year in (gen.today.year - 1, gen.today.year):
            for freq, start, end, due in report_periods(permit, year):
                rows.append(
                    ExecutionReport(
                        permit=permit,
                        frequency=freq,
                        period_start=start,
                        period_end=end,
                        due_date=due,
                        submitted_date=_submitted(gen, freq, end, due),
                    )
                )
    ExecutionReport.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _registrations(gen: _Gen, objects: list[SupervisedObject], permitted: set[int]) -> None:
    rng, rows = gen.rng, []
    start, end = dt.date(2020, 3, 1), min(gen.today - dt.timedelta(days=10), gen.seed_end)
    without = [o for o in objects if o.pk not in permitted]
    for o in rng.sample(without, LINKED_REGISTRATIONS):
        day = gen.day_between(start, end)
        rows.append(
            Registration(
                supervised_object=o,
                registration_no=f"{o.uscc}001W",
                registered_date=day,
                valid_to=_five_years(day),
                unit_name=o.name,
                uscc=o.uscc,
                industry_code=o.industry_code,
                jurisdiction_id=o.jurisdiction_id,
            )
        )
    for _ in range(REGISTRATIONS - LINKED_REGISTRATIONS):
        grid = rng.choice(gen.grids)
        code, suffix = rng.choice(SMALL_UNITS)
        uscc, day = gen.uscc(grid), gen.day_between(start, end)
        rows.append(
            Registration(
                registration_no=f"{uscc}001W",
                registered_date=day,
                valid_to=_five_years(day),
                unit_name=gen.brand(grid) + suffix,
                uscc=uscc,
                industry_code=code,
                jurisdiction=grid,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=1000)


def _commitments_and_audits(gen: _Gen, objects: list[SupervisedObject]) -> None:
    rng = gen.rng
    listed = [o for o in objects if o.on_positive_list]
    others = rng.sample([o for o in objects if not o.on_positive_list], COMMITMENTS - len(listed))
    Commitment.objects.bulk_create(
        [
            Commitment(
                supervised_object=o, signed_date=gen.day_between(dt.date(gen.today.year, 1, 10), gen.seed_end)
            )
            for o in listed + others
        ]
    )
    key = [
        o
        for o in objects
        if o.supervision_class == "A" and o.industry_code in ("2614", "3360", "1713", "2710")
    ]
    CleanerProductionAudit.objects.bulk_create(
        [
            CleanerProductionAudit(
                supervised_object=o,
                year=year,
                started=dt.date(year, 3, 1),
                accepted=dt.date(year, 11, 15) if dt.date(year, 11, 15) <= gen.today else None,
                low_cost_measures=low,
                high_cost_measures=high,
                note="强制性清洁生产审核",
            )
            for o, (year, low, high) in zip(rng.sample(key, len(CP_AUDITS)), CP_AUDITS, strict=True)
        ]
    )


def _accounts(objects: list[SupervisedObject], permitted: set[int]) -> list[User]:
    """Enterprise accounts for the first permit holders, so each has execution reports to submit."""
    account_objects = [o for o in objects if o.pk in permitted]
    leader = User.objects.filter(username="leader").first()
    password = leader.password if leader else "!"
    users = [
        User(
            username=f"ent{n:04d}",
            full_name=o.name[:60],
            role="enterprise",
            jurisdiction_id=o.jurisdiction_id,
            enterprise=o,
            password=password,
            phone=o.contact_phone,
        )
        for n, o in enumerate(account_objects[:ENTERPRISE_ACCOUNTS], start=1)
    ]
    return User.objects.bulk_create(users)


def load(ctx) -> None:
    grids = list(ctx.data["jurisdictions"]["grid"])
    gen = _Gen(ctx, grids)
    objects = _objects(gen)
    _classes(gen, objects)
    _positive_list(gen, objects)
    permits = _permits(gen, objects)
    n_reports = _reports(gen, permits)
    _registrations(gen, objects, {p.supervised_object_id for p in permits})
    _commitments_and_audits(gen, objects)
    accounts = _accounts(objects, {p.supervised_object_id for p in permits})
    audit_bulk_create(actor=None, objs=objects, note="示范数据 demo data")
    audit_bulk_create(actor=None, objs=permits, note="示范数据 demo data")
    ctx.data["objects"] = objects
    ctx.data["permits"] = permits
    ctx.data["enterprise_accounts"] = accounts
    ctx.log(
        f"  registry: {len(objects)} objects, {len(permits)} permits, {REGISTRATIONS} registrations, "
        f"{n_reports} execution reports, {len(accounts)} enterprise accounts"
    )

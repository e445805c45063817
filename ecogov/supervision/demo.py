"""Demo supervision for the demo city (示范市), year 2026 up to ``ctx.today``.

- the inspection item list (6 items) and 12 declared conflicts of interest;
- four quarterly plans (Jiangxi A/B/C scheme, city level) approved, drawn and
  assigned through the real workflow (pool frozen, seed committed): Q1-Q3 fully
  inspected and published with their seeds revealed, Q4 in progress;
- 12 joint and 24 night actions (ad-hoc inspections) finding 230 problems, 227
  rectified (MISSION.md §4 [004]), 40 of them suspected violations that the
  enforcement demo turns into the 40 joint-action penalties; every problem found
  (with its deadline and, once rectified, its closing date) goes to
  ``ctx.data["inspection_problems"]`` for the rectification demo's ledger;
- 2,029 off-site checks of positive-list objects in January-August (1-8月 [004]).

The seed's figures are those of its bulletin on the end of August (``_seed_end``):
the off-site checks fall in January-August, and the joint and night actions at
least 100 days before its end, so that the penalty cases they lead to (enforcement
demo) are decided by then.

Plans go through the workflow (a few dozen audited steps); inspections,
findings and checks are bulk-inserted.
"""

from __future__ import annotations

import datetime as dt

from ecogov.core.models import User
from ecogov.registry.models import SupervisedObject

from . import services
from .choices import InspectionResult, OffsiteMethod, OffsiteResult
from .models import (
    ConflictOfInterest,
    DrawnObject,
    Finding,
    Inspection,
    InspectionItem,
    OffsiteCheck,
)

ITEMS = [
    ("SJ-01", "排污许可证执行情况检查", "《排污许可管理条例》第二十六条", "持证排污单位", "按季度随机抽取", "每季度", "现场检查",
     ["持证排污", "排放口规范化", "执行报告提交"]),
    ("SJ-02", "污染防治设施运行情况检查", "《中华人民共和国环境保护法》第四十二条", "排污单位", "A类25%/季", "每季度", "现场检查",
     ["设施正常运行", "运行台账", "超标排放"]),
    ("SJ-03", "自行监测及信息公开检查", "《企业环境信息依法披露管理办法》", "重点排污单位", "按分类比例", "每季度", "现场/非现场",
     ["自行监测方案", "在线监测数据", "信息公开"]),
    ("SJ-04", "危险废物规范化环境管理检查", "《中华人民共和国固体废物污染环境防治法》", "危险废物产生/经营单位", "按分类比例", "每季度",
     "现场检查", ["贮存场所", "管理台账", "转移联单"]),
    ("SJ-05", "环境应急管理检查", "《突发环境事件应急管理办法》", "环境风险企业", "按分类比例", "每半年", "现场检查",
     ["应急预案备案", "应急物资", "隐患排查"]),
    ("SJ-06", "建设项目环评与“三同时”检查", "《建设项目环境保护管理条例》", "新改扩建项目", "5%/年", "每年", "现场检查",
     ["环评审批", "三同时落实", "竣工验收"]),
]
PROBLEMS = ["危险废物贮存场所标识不规范", "污染防治设施运行台账缺失", "在线监测设备未按规定校验", "雨污分流不彻底",
            "VOCs废气收集效率不足", "应急物资储备不足", "排放口标志牌缺失", "扬尘防治措施未落实"]
OFFSITE_WEIGHTS = [(OffsiteMethod.ONLINE, 45), (OffsiteMethod.VIDEO, 20), (OffsiteMethod.ELECTRICITY, 15),
                   (OffsiteMethod.DRONE, 8), (OffsiteMethod.DATA, 12)]
OFFSITE_CHECKS = 2029
JOINT_ACTIONS, NIGHT_ACTIONS, PROBLEMS_FOUND, PROBLEMS_FIXED, JOINT_VIOLATIONS = 12, 24, 230, 227, 40
SEED_PERIOD_END = (8, 31)  # the seed's bulletin reports January-August [004]


def _seed_end(ctx) -> dt.date:
    return min(ctx.today, dt.date(ctx.today.year, *SEED_PERIOD_END))


def _day(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _items(admin) -> list[InspectionItem]:
    return InspectionItem.objects.bulk_create([
        InspectionItem(code=c, name=n, legal_basis=b, target_type=t, sampling_ratio=r, frequency=f, method=m,
                       officer_requirements="两名以上持有效执法证人员", checklist=pts)
        for c, n, b, t, r, f, m, pts in ITEMS
    ])


def _conflicts(ctx, officers, objects) -> None:
    reasons = ["近亲属在该企业任职", "曾在该企业工作", "与企业负责人有利害关系"]
    ConflictOfInterest.objects.bulk_create([
        ConflictOfInterest(officer=ctx.rng.choice(officers), supervised_object=ctx.rng.choice(objects),
                           reason=ctx.rng.choice(reasons), start_date=dt.date(2025, 1, 1))
        for _ in range(12)
    ])


def _bulk_inspections(ctx, specs: list[dict]) -> list[Inspection]:
    """``specs``: dicts with object, date, officers, result, plan, drawn, joint, night, problems."""
    rows = Inspection.objects.bulk_create([
        Inspection(supervised_object_id=s["object"], date=s["date"], result=s["result"], plan_id=s.get("plan"),
                   drawn_id=s.get("drawn"), joint_action=s.get("joint", False), night_action=s.get("night", False),
                   summary=s.get("summary", "")) for s in specs
    ], batch_size=1000)
    through = Inspection.officers.through
    through.objects.bulk_create([through(inspection_id=r.pk, user_id=u) for r, s in zip(rows, specs, strict=True)
                                 for u in s["officers"]], batch_size=2000)
    findings, problems = [], ctx.data.setdefault("inspection_problems", [])
    for r, s in zip(rows, specs, strict=True):
        findings.append(Finding(inspection_id=r.pk, point="排污许可执行情况", compliant=True))
        for problem, fixed in s.get("problems", []):
            findings.append(Finding(inspection_id=r.pk, point=problem, compliant=False, note="现场发现"))
            problems.append({
                "object": s["object"], "inspection": r.pk, "problem": problem,
                "deadline": s["date"] + dt.timedelta(days=30),
                "closed": min(ctx.today, s["date"] + dt.timedelta(days=ctx.rng.randint(5, 28))) if fixed else None})
    Finding.objects.bulk_create(findings, batch_size=2000)
    return rows


def _plan_inspections(ctx, plan, until: dt.date, share: float) -> None:
    end = min(plan.period_end, until)
    specs = []
    for row in DrawnObject.objects.filter(plan=plan).prefetch_related("officers"):
        if share < 1 and ctx.rng.random() > share:
            continue
        x = ctx.rng.random()
        result = (InspectionResult.NO_PROBLEM if x < 0.86 else
                  InspectionResult.RECTIFY if x < 0.97 else InspectionResult.VIOLATION)
        problems = [(ctx.rng.choice(PROBLEMS), True)] if result != InspectionResult.NO_PROBLEM else []
        specs.append({"object": row.supervised_object_id, "date": _day(ctx.rng, plan.period_start, end),
                      "officers": [o.pk for o in row.officers.all()], "result": result, "plan": plan.pk,
                      "drawn": row.pk, "problems": problems})
    _bulk_inspections(ctx, specs)


def _plans(ctx, admin, city, items) -> None:
    for quarter in (1, 2, 3, 4):
        plan = services.plan_create(jurisdiction=city, year=2026, quarter=quarter, items=items, actor=admin)
        if plan.period_start > ctx.today:
            continue
        plan = services.plan_approve(plan=plan, actor=admin, seed=ctx.rng.randbytes(32))
        plan = services.plan_draw(plan=plan, actor=admin)
        complete = plan.period_end < ctx.today
        _plan_inspections(ctx, plan, ctx.today, 1.0 if complete else 0.55)
        if complete:
            services.plan_publish(plan=plan, actor=admin)


def _joint_actions(ctx, objects, officers_on) -> None:
    """12 joint + 24 night actions, 5-6 units each; 230 problems (227 fixed); 40 violations."""
    specs = []
    for n in range(JOINT_ACTIONS + NIGHT_ACTIONS):
        joint = n < JOINT_ACTIONS
        day = _day(ctx.rng, dt.date(2026, 1, 10), _seed_end(ctx) - dt.timedelta(days=100))
        crew = officers_on(day)
        for obj in ctx.rng.sample(objects, 5 + (n % 2)):
            specs.append({"object": obj.pk, "date": day, "officers": ctx.rng.sample(crew, 2), "joint": joint,
                          "night": not joint, "result": InspectionResult.NO_PROBLEM, "problems": [],
                          "summary": "联合执法行动" if joint else "夜间突击检查"})
    order = list(range(len(specs)))
    ctx.rng.shuffle(order)
    for k in range(PROBLEMS_FOUND):  # every inspection first gets one problem, then the rest at random
        spec = specs[order[k % len(order)]] if k < len(order) else specs[ctx.rng.choice(order)]
        spec["problems"].append((ctx.rng.choice(PROBLEMS), k >= PROBLEMS_FOUND - PROBLEMS_FIXED))
    with_problems = [s for s in specs if s["problems"]]
    for s in with_problems:
        s["result"] = InspectionResult.RECTIFY
    for s in ctx.rng.sample(with_problems, JOINT_VIOLATIONS):
        s["result"] = InspectionResult.VIOLATION
    _bulk_inspections(ctx, specs)


def _offsite(ctx, listed, officers_on) -> None:
    end = _seed_end(ctx)
    start = end.replace(month=1, day=1)  # the eight months of the seed
    methods = [m for m, w in OFFSITE_WEIGHTS for _ in range(w)]
    rows = []
    for _ in range(OFFSITE_CHECKS):
        day = _day(ctx.rng, start, end)
        x = ctx.rng.random()
        result = OffsiteResult.NORMAL if x < 0.94 else OffsiteResult.ANOMALY if x < 0.99 else OffsiteResult.ONSITE
        rows.append(OffsiteCheck(supervised_object_id=ctx.rng.choice(listed).pk, date=day,
                                 method=ctx.rng.choice(methods), result=result,
                                 officer_id=ctx.rng.choice(officers_on(day)),
                                 note="" if result == OffsiteResult.NORMAL else "数据异常，已核实"))
    OffsiteCheck.objects.bulk_create(rows, batch_size=2000)


def load(ctx) -> None:
    objects = list(SupervisedObject.objects.filter(status="active").order_by("pk"))
    if not objects:
        ctx.log("  supervision: no supervised objects; nothing to do")
        return
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    city = ctx.data["jurisdictions"]["city"][0]
    officers = list(User.objects.filter(role="officer", is_active=True).order_by("pk"))

    def officers_on(day):
        return [o.pk for o in officers if o.cert_valid_on(day)] or [o.pk for o in officers]

    items = _items(admin)
    onsite = [o for o in objects if not o.on_positive_list]
    _conflicts(ctx, officers, onsite)
    _plans(ctx, admin, city, items)
    _joint_actions(ctx, onsite, officers_on)
    _offsite(ctx, [o for o in objects if o.on_positive_list], officers_on)
    ctx.log(f"  supervision: {Inspection.objects.count()} inspections, {OffsiteCheck.objects.count()} off-site checks, "
            f"{len(ctx.data.get('inspection_problems', []))} problems found")

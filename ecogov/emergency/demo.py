"""Demo emergencies and episode controls on the demo city, in the shape of MISSION.md §2: 15
emergency responses and 29 drills in the demo year (every other drill finding on the rectification
ledger), plans with versions, a hundred-day hazard-check action with 1,094 enterprise checks (hazards
on the ledger), one-enterprise-one-policy plans, consultations and 8 point-to-point actions on
forecast bad days naming enterprises of the emergency reduction list with their measures (a failed
compliance check goes on the ledger; the outcome is whatever the demo city's measured AQI says: 5
of the 8 days are measured good), and an ozone-season list with two check rounds."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ecogov.core import clock
from ecogov.monitoring import selectors as monitoring

from . import services
from .choices import (
    ActionStatus,
    CheckResult,
    Facility,
    IncidentStatus,
    OzoneSourceKind,
    PlanKind,
)
from .models import (
    ComplianceCheck,
    Consultation,
    ControlAction,
    ControlTarget,
    Drill,
    DrillFinding,
    EmergencyPlan,
    Hazard,
    HazardCampaign,
    HazardCheck,
    Incident,
    OzoneCheck,
    OzoneEntry,
    OzoneList,
    OzoneRound,
    PlanVersion,
    ReductionPlan,
    ReductionTarget,
)
from .services_episode import compliance_raise_ledger, target_measure
from .workflow import LESSONS_WORKING_DAYS

RESPONSES, DRILLS, CAMPAIGN_CHECKS, ACTIONS, KEPT_GOOD = 15, 29, 1094, 8, 5
HAZARDS = 48  # hazards found by the campaign (each on the ledger)
TARGETS_PER_ACTION, REDUCTION_PLANS = 5, 12
EVENTS = [
    ("water", "企业废水超标排放致河道水体异常", ["water"]), ("chemical", "危化品运输车辆侧翻泄漏", ["water", "soil"]),
    ("air", "化工企业储罐异味气体逸散", ["air"]), ("traffic", "交通事故致柴油泄漏入沟渠", ["water"]),
    ("waste", "非法倾倒危险废物", ["soil", "groundwater"]), ("water", "污水处理厂进水异常", ["water"]),
    ("chemical", "仓库火灾次生环境事件", ["air", "water"]), ("radiation", "放射源丢失报警", []),
]
SCENARIOS = ["危化品泄漏入河", "企业突发废气泄漏", "饮用水水源地突发污染", "尾矿库渗漏", "危废仓库火灾", "重污染天气应急"]
FINDINGS = ["应急物资储备不足", "围堰及切换阀门操作不熟练", "信息报告流程超时", "应急监测点位布设不合理"]
UNITS = "市生态环境局、区应急管理局、消防救援支队、环境监测站、涉事企业"


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _incidents(ctx, streets) -> list[Incident]:
    rng, out = ctx.rng, []
    for n in range(RESPONSES):
        kind, title, media = EVENTS[n % len(EVENTS)]
        day = ctx.today - dt.timedelta(days=20 + n * 23)
        t0 = _aware(day, rng.randint(6, 18))
        times = [t0 + dt.timedelta(minutes=m) for m in (25, 70, 120, 300, 1440)]
        closed = n >= 2
        ended = times[4].date()
        out.append(Incident(
            code=f"TF-{day.year}-{n + 1:03d}-D", title=title, level="larger" if n == 5 else "general", kind=kind,
            jurisdiction=rng.choice(streets), location="现场", media=media, occurred_at=t0, reported_at=times[0],
            on_site_at=times[1], monitoring_at=times[2], controlled_at=times[3], ended_at=times[4],
            on_site_note="现场人员到达，划定警戒区，切断污染源", monitoring_data="布设监测点位，特征污染物浓度逐步回落至标准以内",
            control_note="筑坝拦截、吸附处置", end_note="污染得到控制，监测连续达标",
            summary_due=clock.add_working_days(ended, LESSONS_WORKING_DAYS),
            status=IncidentStatus.CLOSED if closed else IncidentStatus.ENDED,
            lessons="加强企业应急物资储备和信息报告培训" if closed else "",
            closed_at=times[4] + dt.timedelta(days=7) if closed else None))
    return Incident.objects.bulk_create(out)


def _plans(ctx, city, districts) -> list[EmergencyPlan]:
    plans = [EmergencyPlan(title="突发环境事件应急预案", kind=PlanKind.PLAN, jurisdiction=city),
             EmergencyPlan(title="重污染天气应急预案", kind=PlanKind.PLAN, jurisdiction=city),
             EmergencyPlan(title="突发环境事件应急处置手册", kind=PlanKind.MANUAL, jurisdiction=city)]
    plans += [EmergencyPlan(title=f"{d.name}突发环境事件应急预案", jurisdiction=d) for d in districts]
    plans = EmergencyPlan.objects.bulk_create(plans)
    versions = []
    for p in plans:
        for v, years in (("1.0", 4), ("2.0", 1)):
            issued = ctx.today - dt.timedelta(days=365 * years)
            versions.append(PlanVersion(plan=p, version=v, issued=issued, summary="修订" if v != "1.0" else "首次发布"))
        p.current_version = "2.0"
        p.review_due = clock.add_calendar_days(ctx.today - dt.timedelta(days=365), services.PLAN_REVIEW_DAYS)
    PlanVersion.objects.bulk_create(versions)
    EmergencyPlan.objects.bulk_update(plans, ["current_version", "review_due"])
    return plans


def _drills(ctx, plans, districts) -> None:
    rng, drills = ctx.rng, []
    for n in range(DRILLS):
        day = ctx.today - dt.timedelta(days=5 + n * 12)
        scenario = SCENARIOS[n % len(SCENARIOS)]
        drills.append(Drill(date=day, title=f"{scenario}应急演练", scenario=f"模拟{scenario}，检验预警、处置与监测联动",
                            units=UNITS, jurisdiction=rng.choice(districts), plan=rng.choice(plans),
                            participants=rng.randint(30, 200), summary="演练达到预期目的"))
    drills = Drill.objects.bulk_create(drills)
    DrillFinding.objects.bulk_create([DrillFinding(drill=d, text=rng.choice(FINDINGS)) for d in drills[::3]])


def _campaign(ctx, city, objects, actor) -> None:
    start = ctx.today - dt.timedelta(days=110)
    campaign = HazardCampaign.objects.create(name="生态环境安全隐患排查整治百日攻坚行动", jurisdiction=city, start=start,
                                             end=start + dt.timedelta(days=99), target_checks=CAMPAIGN_CHECKS)
    rng, checks = ctx.rng, []
    for n, obj in enumerate(objects[:CAMPAIGN_CHECKS]):
        results = {f: (CheckResult.OK if rng.random() < 0.45 else CheckResult.NA) for f in Facility.values()}
        checks.append(HazardCheck(campaign=campaign, supervised_object=obj, jurisdiction=obj.jurisdiction,
                                  date=start + dt.timedelta(days=n % 90), results=results))
    checks = HazardCheck.objects.bulk_create(checks)
    for check in checks[:: max(1, len(checks) // HAZARDS)][:HAZARDS]:
        facility = rng.choice(Facility.values())
        check.results[facility] = CheckResult.HAZARD
        check.save(update_fields=["results"])
        services._hazard_open(check, {"facility": facility, "level": "general",
                                      "description": "应急池容积不足、安全风险辨识不到位"}, actor)


def _bad_days(ctx, city) -> list[tuple[dt.date, int]]:
    """Past days with the city's measured AQI: 5 good days (forecast bad) and 3 polluted ones."""
    ids = monitoring.evaluation_station_ids(city)
    if not ids:
        return []
    start = ctx.today - dt.timedelta(days=330)
    area = monitoring.air_area_daily(ids, start, ctx.today - dt.timedelta(days=2))
    days = list(zip(area["dates"], (int(a) for a in area["aqi"]), strict=True))
    good = [d for d in days if 50 < d[1] <= 100][:KEPT_GOOD]
    bad = [d for d in days if d[1] > 100][: ACTIONS - len(good)]
    return sorted(good + bad)


def _actions(ctx, city, actor, plans: list[ReductionPlan]) -> None:
    """The point-to-point actions on the demo year's forecast bad days: each names enterprises of the
    city's emergency reduction list with the measure of their grade at the yellow level (and their
    one-enterprise-one-policy plan), each target is checked, and a failed check goes on the ledger."""
    listed = [r for r in monitoring.reduction_list(actor, city, "yellow") if r["grade"] in ("B", "B-", "C", "D")]
    by_object = {p.supervised_object_id: p for p in plans}
    rng = ctx.rng
    for n, (day, measured) in enumerate(_bad_days(ctx, city)):
        forecast = max(measured + rng.randint(15, 40), 110)
        cons = Consultation.objects.create(
            date=day - dt.timedelta(days=1), jurisdiction=city, participants="市生态环境局、气象局、监测站、各区",
            forecast=f"受不利气象条件影响，预计{day:%m月%d日}空气质量为轻度污染", forecast_aqi=forecast,
            episode_start=day, episode_end=day, decision="启动点对点应急管控，重点企业落实减排措施")
        action = ControlAction.objects.create(
            code=f"DDD-{day.year}-{n + 1:03d}-D", day=day, jurisdiction=city, consultation=cons, forecast_aqi=forecast,
            warning_level="yellow", status=ActionStatus.CLOSED, issued_at=_aware(day - dt.timedelta(days=1), 17),
            check_due=day)
        for row in rng.sample(listed, min(TARGETS_PER_ACTION, len(listed))):
            obj = row["object"]
            target = ControlTarget.objects.create(action=action, supervised_object=obj, measure=target_measure(
                row["measure"], by_object.get(obj.pk)))
            kept = rng.random() < 0.9
            check = ComplianceCheck.objects.create(target=target, checked_at=_aware(day, 10), compliant=kept,
                                                   note="现场核查，措施已落实" if kept else "现场核查，生产线未按要求限产")
            if not kept:
                compliance_raise_ledger(check=check, actor=actor)


def _reduction_plans(ctx, objects) -> list[ReductionPlan]:
    year, plans = ctx.today.year, []
    for obj in [o for o in objects if o.performance_grade in ("C", "D") and o.air_related][:REDUCTION_PLANS]:
        plan = ReductionPlan.objects.create(supervised_object=obj, jurisdiction=obj.jurisdiction, year=year,
                                            measures="重污染天气期间停用燃煤锅炉，物料运输错峰", follow_up_date=ctx.today,
                                            follow_up="已落实")
        for pollutant, pct in (("pm", 30.0), ("nox", 20.0), ("vocs", 25.0)):
            ReductionTarget.objects.create(plan=plan, pollutant=pollutant, baseline_t=round(ctx.rng.uniform(5, 80), 1),
                                           target_pct=pct, achieved_pct=round(ctx.rng.uniform(15, 35), 1))
        plans.append(plan)
    return plans


def _ozone(ctx, city) -> None:
    kinds = {"filling_station": OzoneSourceKind.FILLING, "car_repair": OzoneSourceKind.CAR_REPAIR,
             "construction": OzoneSourceKind.SITE_PAINT}
    sources = [s for s in ctx.data.get("inventory_sources", []) if s.kind in kinds][:40]
    year = ctx.today.year if ctx.today.month >= 10 else ctx.today.year - 1
    ol = OzoneList.objects.create(name=f"{year}年臭氧管控期重点管控清单", jurisdiction=city,
                                  start=dt.date(year, 5, 1), end=dt.date(year, 9, 30))
    entries = OzoneEntry.objects.bulk_create([OzoneEntry(
        ozone_list=ol, kind=kinds[s.kind], name=s.name, jurisdiction=s.jurisdiction,
        requirement="错峰作业，10:00–16:00 不得进行涂装、油气回收设施正常运行") for s in sources])
    for number, (m0, m1) in enumerate(((5, 6), (7, 9)), start=1):
        rnd = OzoneRound.objects.create(ozone_list=ol, number=number, start=dt.date(year, m0, 1),
                                        end=dt.date(year, m1, 30))
        OzoneCheck.objects.bulk_create([OzoneCheck(round=rnd, entry=e, date=rnd.start + dt.timedelta(days=i % 28),
                                                   compliant=ctx.rng.random() < 0.85) for i, e in enumerate(entries)])


def _findings_on_the_ledger(actor) -> None:
    """Every other drill finding is put on the rectification ledger (the others stay open)."""
    for finding in DrillFinding.objects.select_related("drill__jurisdiction").order_by("pk")[::2]:
        services.finding_raise_ledger(finding=finding, actor=actor)


def _rectified(ctx) -> None:
    """The hazards, findings and failed checks of past months were rectified through the ledger
    ("four checks, one rectification"); those of the last month are still being rectified."""
    from ecogov.rectification.demo import close_rectified

    ids = [pk for model in (Hazard, DrillFinding, ComplianceCheck)
           for pk in model.objects.exclude(ledger_item=None).values_list("ledger_item", flat=True)]
    ctx.log(f"  emergency: {close_rectified(ids, ctx.today)} of {len(ids)} ledger items closed")


def load(ctx) -> None:
    from ecogov.core.models import User

    tree = ctx.data["jurisdictions"]
    city, districts, streets = tree["city"][0], tree["district"], tree["street"]
    objects = list(ctx.data.get("objects", []))
    actor = User.objects.filter(is_superuser=True).first()
    _incidents(ctx, streets)
    plans = _plans(ctx, city, districts)
    _drills(ctx, plans, districts)
    reduction = _reduction_plans(ctx, objects)
    if actor is not None:
        _findings_on_the_ledger(actor)
        if objects:
            _campaign(ctx, city, objects, actor)
        _actions(ctx, city, actor, reduction)
        _rectified(ctx)
    _ozone(ctx, city)
    ctx.log(f"  emergency: {RESPONSES} responses, {DRILLS} drills, {min(CAMPAIGN_CHECKS, len(objects))} hazard checks, "
            f"{ControlAction.objects.count()} point-to-point actions")

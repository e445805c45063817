"""Demo ledger of the shape the seeds report (MISSION.md §6 [003][004]):

- the second central inspection round's 48 petition cases handed to the second
  district (45 closed by the end of August, the seed bulletin's date, 3 behind
  schedule: 45 / 48 = 93.8 %) [004];
- for the city, 2 central + 17 provincial feedback problems and 2 warning-film
  problems, all closed on schedule [003]; one central problem broken into tasks;
- one item per problem the supervision demo found (``ctx.data["inspection_problems"]``:
  230 from the joint and night actions, 227 rectified, MISSION.md §4 [004], plus those
  of the double-random plans), due 30 days after its inspection and linked to it;
- a week of daily patrols in that district's streets raising items;
- the responsibility lists and the committee (``responsibility/demo.py``), one of whose
  decisions opens a ledger item;
- then the daily jobs run for the demo's day: progress against plan and the escalation
  ladder (reminders, the red list, summons).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from ecogov.core.clock import calendar
from ecogov.core.demo import last_day

from .choices import ItemState, RectificationStatus
from .models import Batch, Milestone, RectificationItem
from .responsibility import demo as responsibility_demo
from .responsibility.services import decision_record
from .services_daily import escalate, plan_recompute

CENTRAL = [("大气污染防治", "城区建筑工地扬尘管控不到位"), ("水污染防治", "城中村生活污水直排河道")]
PROVINCIAL = ["工业园区污水管网破损渗漏", "餐饮油烟在线监控覆盖不足", "危险废物规范化管理不到位", "饮用水水源地保护区内违规建筑",
              "重点河段入河排污口排查整治滞后", "城区黑臭水体返黑返臭", "建筑垃圾乱堆乱放", "秸秆露天焚烧管控不力",
              "化工企业VOCs无组织排放", "涉磷企业整治不彻底", "生活垃圾填埋场渗滤液超标", "畜禽养殖粪污处理设施不完善",
              "港口码头扬尘", "加油站油气回收装置运行不正常", "机动车排放检验机构弄虚作假", "噪声扰民投诉集中",
              "自然保护区违规开发"]
FILM = ["长江岸线非法码头未彻底拆除", "沿江化工企业违规排放"]
SEED_PERIOD_END = (8, 31)  # the seed's bulletin reports the ledger at the end of August [004]
PETITIONS = ["餐饮油烟扰民", "夜间施工噪声扰民", "河道漂浮垃圾", "工地扬尘", "汽修喷漆异味", "垃圾中转站臭气",
             "小区污水外溢", "烧烤油烟", "露天焚烧", "工业企业异味"]


def _batch(code, title, source, received, body, deadline, where) -> Batch:
    return Batch.objects.create(code=code, title=title, source=source, received_date=received, issuing_body=body,
                                deadline=deadline, jurisdiction=where)


def _closed(**kw) -> RectificationItem:
    return RectificationItem(state=ItemState.CLOSED, status=RectificationStatus.DONE, progress=100, **kw)


def _petitions(ctx, district, streets, owners, boss) -> None:
    """48 petition cases for one district: 45 closed by the seed's end of August, 3 behind schedule
    (due soon, overdue, long overdue)."""
    seed_end = min(ctx.today, dt.date(ctx.today.year, *SEED_PERIOD_END))
    received = seed_end - dt.timedelta(days=20 + 44 * 3 + 8)  # the 45th closes 8 days before the seed's end
    b = _batch("ZY2-XF-01", "第二轮中央生态环境保护督察交办信访件", "central", received, "中央第二生态环境保护督察组",
               ctx.today + dt.timedelta(days=60), district)
    cal = calendar()
    late = [cal.add_working_days(ctx.today, 2), cal.add_working_days(ctx.today, -10), cal.add_working_days(ctx.today, -35)]
    rows = []
    for i in range(48):
        street = streets[i % len(streets)]
        common = {"batch": b, "external_no": f"XF-{i + 1:02d}", "problem": f"{street.name}{PETITIONS[i % 10]}（信访件{i + 1}号）",
                  "measures": "现场核查、责令整改、回访群众", "jurisdiction": street, "leader": f"{district.name}副区长",
                  "owner": owners.get(street.pk), "supervisor": boss, "assigned_date": received}
        if i < 45:
            closed = received + dt.timedelta(days=20 + i * 3)
            rows.append(_closed(deadline=closed + dt.timedelta(days=10), closed_date=closed, **common))
        else:
            rows.append(RectificationItem(state=ItemState.RECTIFYING, progress=30, deadline=late[i - 45], **common))
    items = RectificationItem.objects.bulk_create(rows)
    Milestone.objects.bulk_create([
        Milestone(item=it, title=title, due=it.deadline - dt.timedelta(days=days), share=share)
        for it in items[45:] for title, days, share in (("制定整改方案", 60, 20), ("完成主体整改", 20, 50))])


def _city(ctx, city, district_of, boss, depts) -> None:
    """2 central + 17 provincial feedback problems, 2 warning-film problems: closed on schedule."""
    year0 = ctx.today - dt.timedelta(days=420)
    specs = [("ZY2-FK", "第二轮中央生态环境保护督察反馈问题", "central", "中央生态环境保护督察办公室",
              [f"{a}：{p}" for a, p in CENTRAL]),
             ("SD-FK", "省生态环境保护督察反馈问题", "provincial", "省生态环境保护督察组", PROVINCIAL),
             ("JSP", "长江经济带生态环境警示片曝光问题", "warning_film", "省推动长江经济带发展领导小组办公室", FILM)]
    for code, title, source, body, problems in specs:
        b = _batch(code, title, source, year0, body, year0 + dt.timedelta(days=365), city)
        rows = []
        for n, text in enumerate(problems):
            where = district_of[n % len(district_of)]
            closed = year0 + dt.timedelta(days=120 + n * 9)
            rows.append(_closed(batch=b, external_no=f"{code}-{n + 1:02d}", problem=text, measures="制定整改方案，按序时推进，销号后长期坚持",
                                jurisdiction=where, department=depts[n % len(depts)], leader="分管副市长", supervisor=boss,
                                assigned_date=year0, deadline=closed + dt.timedelta(days=30), closed_date=closed,
                                sustained=n % 2 == 0))
        made = RectificationItem.objects.bulk_create(rows)
        if code == "ZY2-FK":
            parent = made[0]
            RectificationItem.objects.bulk_create([
                _closed(batch=b, parent=parent, level="task", problem=task, jurisdiction=parent.jurisdiction,
                        leader=parent.leader, assigned_date=year0, deadline=parent.deadline, closed_date=parent.closed_date,
                        weight=w)
                for task, w in (("工地围挡、洒水、覆盖“六个百分百”", 2), ("渣土车密闭运输", 1), ("扬尘在线监测联网", 1))])


def _inspections(ctx, boss) -> int:
    rows = ctx.data.get("inspection_problems", [])
    if not rows:
        return 0
    areas = {o.pk: o.jurisdiction_id for o in ctx.data.get("objects", [])}
    inspection_ct = ContentType.objects.get_for_model(
        RectificationItem._meta.get_field("source_inspection").related_model)
    b = _batch(f"SJ-{ctx.today.year}", "双随机检查及联合执法发现问题", "double_random", ctx.today.replace(month=1, day=1),
               "市生态环境局", ctx.today.replace(month=12, day=31), ctx.data["jurisdictions"]["city"][0])
    items = []
    for r in rows:
        done = r["closed"] is not None
        items.append(RectificationItem(
            batch=b, supervised_object_id=r["object"], source_inspection_id=r["inspection"], problem=r["problem"],
            jurisdiction_id=areas.get(r["object"]), deadline=r["deadline"], closed_date=r["closed"],
            assigned_date=r["deadline"] - dt.timedelta(days=30), supervisor=boss,
            state=ItemState.CLOSED if done else ItemState.RECTIFYING, progress=100 if done else 50,
            status=RectificationStatus.DONE if done else RectificationStatus.OPEN,
            source_type=inspection_ct, source_id=str(r["inspection"])))
    RectificationItem.objects.bulk_create(items, batch_size=1000)
    return len(items)


def _patrols(ctx, streets, owners) -> None:
    """A week of daily patrols in one district's streets; some find problems, which raise items."""
    from .services import patrol_record

    found = ["裸土未覆盖", "餐饮油烟直排", "河道漂浮垃圾", "建筑垃圾乱堆", "露天烧烤"]
    for day in range(7, 0, -1):
        for k, street in enumerate(streets):
            if owners.get(street.pk) is None:
                continue
            problems = [found[(day + k) % len(found)]] if (day + k) % 3 == 0 else []
            patrol_record(jurisdiction=street, date=ctx.today - dt.timedelta(days=day), route=f"{street.name}主干道",
                          problems=problems, actor=owners[street.pk])


def _decision_item(ctx) -> None:
    """A committee decision that opens a ledger item for a member district (through the services)."""
    from ecogov.core.models import User

    meeting, member = ctx.data["committee_decision"]
    decision_record(meeting=meeting, member=member, actor=User.objects.get(username="admin"),
                    text=f"{member.jurisdiction.name}于三个月内完成城区黑臭水体排查整治",
                    item={"deadline": ctx.today + dt.timedelta(days=50)})


def daily(ctx) -> None:
    """The ledger's daily jobs again once every app's demo has raised its items (the first pass in
    ``load`` is the ledger's own): progress against plan and the escalation of what is overdue."""
    day = last_day(ctx)  # a live demo's ledger is escalated as of the last live day
    plan_recompute(day=day)
    ctx.log(f"  rectification: escalation after every app's items as of {day}: {escalate(day=day)}")


def close_rectified(ids, today: dt.date, *, open_days: int = 30) -> int:
    """For another app's demo: of the ledger items ``ids`` it raised, those due more than ``open_days``
    before ``today`` were rectified and closed two days before their deadline; the recent ones stay open.
    Progress against plan is recomputed for ``today``. Returns the number closed."""
    due = RectificationItem.objects.filter(pk__in=list(ids), deadline__lt=today - dt.timedelta(days=open_days))
    rows = list(due)
    for item in rows:
        item.state, item.status, item.progress = ItemState.CLOSED, RectificationStatus.DONE, 100
        item.closed_date = max(item.assigned_date, item.deadline - dt.timedelta(days=2))
    RectificationItem.objects.bulk_update(rows, ["state", "status", "progress", "closed_date"])
    plan_recompute(day=today)
    return len(rows)


def load(ctx) -> None:
    from ecogov.core.models import User

    tree = ctx.data["jurisdictions"]
    district = tree["district"][1]
    streets = [s for s in tree["street"] if s.parent_id == district.pk]
    owners = {u.jurisdiction_id: u for u in User.objects.filter(role="street", jurisdiction__in=streets)}
    boss = User.objects.filter(role="leader").first()
    depts = list(ctx.data.get("departments", {}).values())[:8] or [None]
    responsibility_demo.load(ctx)
    _decision_item(ctx)
    _petitions(ctx, district, streets, owners, boss)
    _city(ctx, tree["city"][0], tree["district"], boss, depts)
    n = _inspections(ctx, boss)
    _patrols(ctx, streets, owners)
    plan_recompute(day=ctx.today)
    steps = escalate(day=ctx.today)
    ctx.log(f"  rectification: {RectificationItem.objects.count()} items ({n} from inspections), "
            f"escalation {steps}")

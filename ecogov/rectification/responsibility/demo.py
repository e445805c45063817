"""Demo responsibility system: three-level lists for the five districts, their twenty
streets and the member departments (MISSION.md §6 [002][004]), and one eco-environment
protection committee with ten specialist committees, members by office, a meeting and
its decisions (one of which opens a ledger item)."""

from __future__ import annotations

import datetime as dt

from .models import Committee, CommitteeMember, Decision, Duty, Meeting

DISTRICT_DUTIES = [
    ("对本辖区生态环境质量负总责，落实“党政同责、一岗双责”", "《中华人民共和国环境保护法》第六条", "PM2.5浓度、优良天数比率、地表水优良比例"),
    ("组织实施中央、省生态环境保护督察反馈问题整改，实行挂账销号", "《中央生态环境保护督察工作规定》", "督察整改按期完成率"),
]
STREET_DUTIES = [
    ("落实网格化环境监管，开展日巡查，及时发现、报告、处置问题", "《生态环境保护责任清单》", "问题发现处置率"),
    ("办理交办信访件，按期整改回访", "《信访工作条例》", "信访件按期办结率"),
]
DEPT_DUTIES = {
    "HOUSING": ("负责建筑工地扬尘污染防治监督管理", "《大气污染防治法》第六十九条", "施工扬尘达标率"),
    "URBAN": ("负责道路扬尘、餐饮油烟、露天焚烧监督管理", "《大气污染防治法》第八十一条", "道路积尘负荷"),
    "WATER": ("负责河湖管理保护和水资源保护", "《水法》", "主要河流断面水质优良比例"),
    "AGRI": ("负责农业面源污染和畜禽养殖污染防治", "《畜禽规模养殖污染防治条例》", "畜禽粪污综合利用率"),
}
SPECIALIST = ["大气污染防治专门委员会", "水污染防治专门委员会", "土壤污染防治专门委员会", "固体废物污染防治专门委员会",
              "农业农村污染防治专门委员会", "生态保护与修复专门委员会", "长江保护专门委员会", "环境安全专门委员会",
              "督察整改专门委员会", "生态文明示范创建专门委员会"]


def _duties(ctx, tree, depts) -> int:
    year = ctx.today.year
    rows = [Duty(year=year, level="district", jurisdiction=d, duty=t, legal_basis=b, indicators=i)
            for d in tree["district"] for t, b, i in DISTRICT_DUTIES]
    rows += [Duty(year=year, level="street", jurisdiction=s, duty=t, legal_basis=b, indicators=i)
             for s in tree["street"] for t, b, i in STREET_DUTIES]
    city = tree["city"][0]
    rows += [Duty(year=year, level="department", jurisdiction=city, department=depts[code], duty=t, legal_basis=b,
                  indicators=i) for code, (t, b, i) in DEPT_DUTIES.items() if code in depts]
    Duty.objects.bulk_create(rows)
    return len(rows)


def _committee(ctx, tree, depts) -> Committee:
    city = tree["city"][0]
    top = Committee.objects.create(name="市生态环境保护委员会", jurisdiction=city, office=depts.get("ENV-OFFICE"))
    CommitteeMember.objects.bulk_create([
        CommitteeMember(committee=top, office="市委书记", role="主任", order=1),
        CommitteeMember(committee=top, office="市长", role="主任", order=2),
        CommitteeMember(committee=top, office="常务副市长", role="副主任", order=3),
        CommitteeMember(committee=top, office="分管副市长", role="副主任", order=4),
        *[CommitteeMember(committee=top, office=f"{d.name}区长", role="成员", jurisdiction=d, order=10 + n)
          for n, d in enumerate(tree["district"])],
        *[CommitteeMember(committee=top, office=f"{dep.name}主要负责人", role="成员", department=dep, order=20 + n)
          for n, dep in enumerate(d for d in depts.values() if not d.is_bureau_division)],
    ])
    for name in SPECIALIST:
        sub = Committee.objects.create(name=name, parent=top, jurisdiction=city)
        CommitteeMember.objects.create(committee=sub, office="副市长", role="主任", order=1)
        CommitteeMember.objects.create(committee=sub, office="市生态环境局局长", role="副主任", order=2,
                                       department=depts.get("ENV-OFFICE"))
    return top


def load(ctx) -> None:
    tree = ctx.data["jurisdictions"]
    depts = ctx.data.get("departments", {})
    n = _duties(ctx, tree, depts)
    top = _committee(ctx, tree, depts)
    meeting = Meeting.objects.create(committee=top, date=ctx.today - dt.timedelta(days=40), title="第一次全体会议",
                                     minutes="听取督察整改进展情况汇报，研究部署下一阶段重点任务。")
    member = top.members.filter(jurisdiction=tree["district"][1]).first()
    Decision.objects.create(meeting=meeting, text="各区对照督察反馈问题清单，实行区领导包案、挂账销号。")
    ctx.data["committee_decision"] = (meeting, member)
    ctx.log(f"  responsibility: {n} duties, {Committee.objects.count()} committees")

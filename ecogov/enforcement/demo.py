"""Demo enforcement for 2026 (MISSION.md §4 [004] shapes):

- an illustrative discretion table (statute ranges; the bureau edits its own);
- 124 penalty cases filed, 123 decided (one still under investigation) and 3
  leads not filed; 40 of the decisions are the joint-action penalties, totalling
  exactly CNY 512,000; the others come from double-random inspections,
  complaints and off-site supervision; a few hearings, late payments with the
  3 %/day surcharge;
- 18 yellow cards (2 of them by the end of August [004], the others issued
  later on re-inspection), 6 transfers (5 to public security, 1 to the
  procuratorate), one daily continuous penalty.

The seed's figures are those of its bulletin on the end of August (1-8月 [004],
``_seed_end``): every case is filed and the 123 are decided by then, the one
still under investigation filed late in August, within its 90 days today.

All dates respect the Administrative Penalty Law deadlines of ``deadlines.py``.
Rows are bulk-inserted with one audit row each (``audit_bulk_create``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ecogov.core import clock
from ecogov.core.audit import audit_bulk_create
from ecogov.core.models import User
from ecogov.registry.models import SupervisedObject
from ecogov.supervision.models import Inspection

from . import deadlines
from .choices import CaseSource, CaseStatus, TransferStatus
from .models import CaseTransfer, DailyPenalty, DiscretionRule, PenaltyCase, YellowCard

RULES = [
    ("AIR-99-G", "超标排放大气污染物", "《中华人民共和国大气污染防治法》第九十九条第二项", "general", 100000, 1000000,
     "超标倍数较低、首次违法，在法定幅度内从轻裁量"),
    ("WATER-83-G", "超标排放水污染物", "《中华人民共和国水污染防治法》第八十三条第二项", "general", 100000, 1000000,
     "超标排放持续时间较短、已停止违法行为，按一般情节裁量"),
    ("AIR-108-G", "挥发性有机物废气未按规定收集处理", "《中华人民共和国大气污染防治法》第一百零八条", "general", 20000, 200000,
     "未造成明显环境影响，按一般情节裁量"),
    ("AIR-115-L", "施工工地未落实扬尘污染防治措施", "《中华人民共和国大气污染防治法》第一百一十五条", "light", 10000, 100000,
     "联合执法中发现，当场责令改正，按较轻情节裁量"),
    ("PERMIT-36-G", "未按排污许可证规定开展自行监测", "《排污许可管理条例》第三十六条", "general", 20000, 200000,
     "未按规定开展自行监测，按一般情节裁量"),
    ("APL-33-M", "初次违法且危害后果轻微并及时改正", "《中华人民共和国行政处罚法》第三十三条第一款", "minor", 0, 0,
     "首违不罚：初次违法、危害后果轻微并及时改正，依法不予行政处罚"),
]
FILED, DECIDED, JOINT, JOINT_TOTAL = 124, 123, 40, 512000
YELLOW_CARDS, YELLOW_CARDS_BY_SEED_END = 18, 2
SEED_PERIOD_END = (8, 31)  # the seed's bulletin reports January-August [004]
LATEST_OPENING = 100  # days before the seed's end: the slowest lawful timeline (hearing) takes about 80
FACTS = ["废气排放口颗粒物浓度超过排放标准", "废水总排口化学需氧量超标排放", "VOCs废气未经收集直接排放",
         "未按排污许可证要求开展自行监测", "施工现场裸土未覆盖、车辆未冲洗"]


def _rules() -> dict[str, DiscretionRule]:
    rows = DiscretionRule.objects.bulk_create([
        DiscretionRule(code=c, violation=v, legal_basis=b, circumstance=k, min_amount=Decimal(lo),
                       max_amount=Decimal(hi), reasoning=r) for c, v, b, k, lo, hi, r in RULES
    ])
    return {r.code: r for r in rows}


def _joint_amounts(rng) -> list[int]:
    """40 fines of CNY 10,000-20,000 in steps of 1,000 that add up to exactly 512,000."""
    amounts = [10000] * JOINT
    left = JOINT_TOTAL - sum(amounts)
    while left:
        i = rng.randrange(JOINT)
        if amounts[i] < 20000:
            amounts[i] += 1000
            left -= 1000
    return amounts


def _case(ctx, n: int, obj_id: int, facts: str, opened: dt.date, handler: int, **fields) -> PenaltyCase:
    return PenaltyCase(case_no=f"ENF-2026-{n:04d}", supervised_object_id=obj_id, facts=facts, opened_date=opened,
                       filed_date=opened + dt.timedelta(days=ctx.rng.randint(1, 6)), handler_id=handler,
                       status=CaseStatus.FILED, **fields)


def _decide(ctx, case: PenaltyCase, rule: DiscretionRule, amount: int, number: int, hearing: bool) -> None:
    """Fill a lawful timeline from filing to (at most) closure, cut at ``ctx.today``."""
    rng, today, cal = ctx.rng, ctx.today, clock.official_calendar()
    case.notice_date = case.filed_date + dt.timedelta(days=rng.randint(18, 45))
    if hearing:
        case.hearing_request_date = clock.add_working_days(case.notice_date, 2, cal=cal)
        case.hearing_notice_date = case.hearing_request_date + dt.timedelta(days=2)
        case.hearing_date = clock.add_working_days(case.hearing_notice_date, 9, cal=cal)
        case.decision_date = case.hearing_date + dt.timedelta(days=5)
    else:
        due = deadlines.hearing_request_due(case.notice_date, cal=cal)
        case.decision_date = due + dt.timedelta(days=rng.randint(1, 6))
    case.status = CaseStatus.DECIDED
    case.decision_no = f"示环罚〔2026〕{number}号"
    case.discretion_rule, case.amount = rule, Decimal(amount)
    case.legal_basis, case.discretion_reasoning, case.published = rule.legal_basis, rule.reasoning, True
    delivery = clock.add_working_days(case.decision_date, rng.randint(1, 4), cal=cal)
    if delivery > today:
        return
    case.delivery_date, case.status = delivery, CaseStatus.DELIVERED
    if not amount:
        case.closed_date, case.status = min(today, delivery + dt.timedelta(days=2)), CaseStatus.CLOSED
        return
    late = rng.random() < 0.05
    paid = delivery + dt.timedelta(days=rng.randint(20, 24) if late else rng.randint(3, 14))
    if paid > today:
        return
    due = deadlines.payment_due(delivery)
    case.paid_date, case.status = paid, CaseStatus.EXECUTED
    case.surcharge = deadlines.late_surcharge(case.amount, due, paid)
    case.paid_amount = case.amount + case.surcharge
    closed = paid + dt.timedelta(days=rng.randint(1, 5))
    if closed <= today:
        case.closed_date, case.status = closed, CaseStatus.CLOSED


def _seed_end(ctx) -> dt.date:
    return min(ctx.today, dt.date(ctx.today.year, *SEED_PERIOD_END))


def _cases(ctx, rules, objects, officers) -> list[PenaltyCase]:
    rng, today, latest = ctx.rng, ctx.today, _seed_end(ctx) - dt.timedelta(days=LATEST_OPENING)
    violations = list(Inspection.objects.filter(result="violation").order_by("date", "pk"))
    joint = [i for i in violations if i.joint_action or i.night_action][:JOINT]
    drawn = [i for i in violations if not (i.joint_action or i.night_action) and i.date <= latest]
    cases, n = [], 0
    for insp, amount in zip(joint, _joint_amounts(rng), strict=False):
        n += 1
        case = _case(ctx, n, insp.supervised_object_id, "联合执法检查发现：" + rng.choice(FACTS[4:]), insp.date,
                     rng.choice(officers), source=CaseSource.JOINT, inspection=insp, joint_action=True)
        cases.append((case, rules["AIR-115-L"], amount))
    main = [rules[c] for c in ("AIR-99-G", "WATER-83-G", "AIR-108-G", "PERMIT-36-G")]
    sources = [CaseSource.COMPLAINT, CaseSource.OFFSITE, CaseSource.OTHER]
    while len(cases) < DECIDED:
        n += 1
        insp = drawn.pop(0) if drawn else None
        opened = insp.date if insp else _day(rng, dt.date(2026, 1, 5), latest - dt.timedelta(days=10))
        rule = rules["APL-33-M"] if n % 40 == 0 else rng.choice(main)
        step = 10000 if rule.max_amount <= 200000 else 50000
        amount = int(rule.min_amount) + step * rng.randint(0, 4) if rule.max_amount else 0
        case = _case(ctx, n, insp.supervised_object_id if insp else rng.choice(objects).pk,
                     rng.choice(FACTS[:4]), opened, rng.choice(officers), inspection=insp,
                     source=CaseSource.INSPECTION if insp else rng.choice(sources))
        cases.append((case, rule, amount))
    out = []
    for number, (case, rule, amount) in enumerate(sorted(cases, key=lambda c: c[0].filed_date), start=1):
        _decide(ctx, case, rule, amount, number, hearing=number % 25 == 7)
        out.append(case)
    n += 1
    open_case = _case(ctx, n, rng.choice(objects).pk, FACTS[0], _seed_end(ctx) - dt.timedelta(days=8),
                      rng.choice(officers), source=CaseSource.COMPLAINT)
    open_case.status = CaseStatus.INVESTIGATION
    out.append(open_case)
    for k in range(3):
        n += 1
        out.append(PenaltyCase(case_no=f"ENF-2026-{n:04d}", supervised_object_id=rng.choice(objects).pk,
                               facts="信访举报线索", opened_date=today - dt.timedelta(days=60 + 9 * k),
                               status=CaseStatus.NOT_FILED, source=CaseSource.COMPLAINT,
                               outcome_reason="经核查，违法事实不成立"))
    rows = PenaltyCase.objects.bulk_create(out, batch_size=500)
    return rows


def _day(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _yellow_cards(ctx, decided: list[PenaltyCase]) -> list[tuple[PenaltyCase, dt.date]]:
    """(case, issued on): 2 three days after their decision by the seed's end, the others after it
    (on re-inspection, up to today); all on the decision + 3 days when today is not past the seed's end."""
    rng, end = ctx.rng, _seed_end(ctx)
    picked = rng.sample(decided, YELLOW_CARDS)
    if ctx.today <= end:
        return [(c, c.decision_date + dt.timedelta(days=3)) for c in picked]
    early = [c for c in picked if c.decision_date + dt.timedelta(days=3) <= end][:YELLOW_CARDS_BY_SEED_END]
    later = [c for c in picked if c not in early]
    return ([(c, c.decision_date + dt.timedelta(days=3)) for c in early]
            + [(c, _day(rng, max(end, c.decision_date + dt.timedelta(days=2)) + dt.timedelta(days=1), ctx.today))
               for c in later])


def _records(ctx, cases: list[PenaltyCase], officers) -> None:
    rng = ctx.rng
    decided = [c for c in cases if c.decision_date and c.amount]
    cards = []
    for case, start in _yellow_cards(ctx, decided):
        cards.append(YellowCard(supervised_object_id=case.supervised_object_id, case=case, issued_date=start,
                                valid_from=start, valid_to=start + dt.timedelta(days=180),
                                reason="超标排放受到行政处罚，予以黄牌警示，限期整改"))
    YellowCard.objects.bulk_create(cards)
    statuses = [TransferStatus.CONCLUDED, TransferStatus.FILED, TransferStatus.FILED, TransferStatus.ACCEPTED,
                TransferStatus.ACCEPTED, TransferStatus.TRANSFERRED]
    transfers = []
    for k, case in enumerate(rng.sample([c for c in decided if c.source != CaseSource.JOINT], 6)):
        day = case.decision_date + dt.timedelta(days=2)
        police = k < 5
        transfers.append(CaseTransfer(
            case=case, receiver="police" if police else "procuratorate",
            receiver_name="示范市公安局环境食药侦查支队" if police else "示范市人民检察院", transfer_date=day,
            status=statuses[k], status_date=min(ctx.today, day + dt.timedelta(days=10 * k)),
            note="涉嫌污染环境罪（刑法第三百三十八条）" if police else "行政执法与刑事司法衔接监督"))
    CaseTransfer.objects.bulk_create(transfers)
    target = next(c for c in decided if c.delivery_date)
    days, total = deadlines.daily_penalty(target.amount, target.delivery_date,
                                          target.delivery_date + dt.timedelta(days=12))
    DailyPenalty.objects.create(case=target, fine_per_day=target.amount, order_delivered=target.delivery_date,
                                recheck_date=target.delivery_date + dt.timedelta(days=12), days=days, total=total)


def load(ctx) -> None:
    objects = list(SupervisedObject.objects.order_by("pk"))
    if not objects:
        ctx.log("  enforcement: no supervised objects; nothing to do")
        return
    officers = list(User.objects.filter(role="officer").order_by("pk").values_list("pk", flat=True))
    rules = _rules()
    cases = _cases(ctx, rules, objects, officers)
    audit_bulk_create(actor=None, objs=cases, note="demo")
    _records(ctx, cases, officers)
    filed = sum(1 for c in cases if c.filed_date)
    decided = [c for c in cases if c.decision_date]
    ctx.log(f"  enforcement: {filed} filed, {len(decided)} decided, "
            f"CNY {sum(c.amount for c in decided if c.joint_action):,.0f} from {JOINT} joint-action penalties")

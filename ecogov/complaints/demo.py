"""Demo complaints for the demo city (示范市): about 2,739 complaints received
January-August of the demo year with a year-on-year fall of 22.5 % (air) and
24.1 % (noise) against the same months of the year before, hotspots near
industrial parks and construction sites, handling times, merged duplicates,
extensions, rewards and a few live cases in November; then the months from
September on in both years (to the last day of the demo, live or not), so this
month and the same month last year both have figures. Deterministic (seeded
generators only) and bulk-inserted; the open days follow in ``outreach.demo``."""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from django.utils import timezone

from ecogov.core.audit import audit_bulk_create
from ecogov.core.demo import last_day
from ecogov.core.geo import geojson_contains
from ecogov.core.models import Department, User

from . import deadlines, defaults
from .choices import ComplaintStatus as S
from .models import (
    Complaint,
    ComplaintCategory,
    ComplaintExtension,
    ComplaintPolicy,
    Reward,
    RewardKind,
)
from .rewards.services import amount_for
from .routing import CODE_ALPHABET

# Complaints received January-August, per top category: (demo year, year before).
# air: (1240 - 1600) / 1600 = -22.5 %; noise: (759 - 1000) / 1000 = -24.1 %; 2,739 in the demo year.
COUNTS = {"air": (1240, 1600), "noise": (759, 1000), "water": (260, 280), "waste": (180, 170),
          "ecology": (90, 95), "radiation": (30, 28), "other": (180, 190)}
SUBSHARES = {
    "air": {"air-industrial": 30, "air-dust": 25, "air-restaurant": 20, "air-odour": 17, "air-vehicle": 8},
    "noise": {"noise-construction": 45, "noise-commercial": 30, "noise-industrial": 15, "noise-traffic": 10},
}
MONTH_WEIGHTS = [9, 8, 11, 13, 14, 15, 15, 15]  # January..August
#: Complaints received from September on, per month: (demo year, year before), the autumn and winter
#: level after January-August (about a fifth fewer in the demo year, as above).
LATER_MONTHS = {9: (330, 410), 10: (305, 380), 11: (280, 350), 12: (265, 330)}
SATISFIED = 0.957  # satisfied or basically satisfied, of the demo year's closed complaints
CHANNELS = [("hotline", 45), ("web", 30), ("transfer", 10), ("letter", 5), ("visit", 5), ("open311", 5)]
# Hotspots (lon, lat, sigma [m], address, categories drawn there)
INDUSTRIAL = [(115.985, 28.565, 450, "新港区化工园区纬三路", ("air-industrial", "air-odour", "noise-industrial", "water")),
              (116.060, 28.640, 400, "高新区电子产业园创业大道", ("air-industrial", "air-odour", "noise-industrial")),
              (115.905, 28.820, 350, "西山区建材工业园", ("air-industrial", "air-dust", "waste"))]
CONSTRUCTION = [(115.745, 28.705, 180, "清湖区滨江新城地块工地", ("noise-construction", "air-dust")),
                (115.820, 28.760, 180, "青云区地铁3号线青云站工地", ("noise-construction", "air-dust")),
                (116.035, 28.545, 180, "高新区科创中心项目工地", ("noise-construction", "air-dust")),
                (115.960, 28.700, 150, "新港区港湾路改造工地", ("noise-construction", "air-dust"))]
DOWNTOWN = [(115.760, 28.650, 600, "清湖区步行街", ("air-restaurant", "noise-commercial")),
            (115.830, 28.610, 500, "青云区万达广场", ("air-restaurant", "noise-commercial"))]
ROADS = ["人民", "建设", "解放", "胜利", "滨江", "青云", "湖滨", "工业", "迎宾", "学府", "长江", "环城"]
REDIRECTS = [("劳动报酬纠纷", "市人力资源和社会保障局"), ("违章建筑", "市城市管理局"), ("小区物业管理", "区住房和城乡建设局"),
             ("交通违法", "市公安局交通管理局"), ("食品安全", "市市场监督管理局")]
SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def _split(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder split of ``total`` by ``weights`` (exact sum)."""
    raw = [total * w / sum(weights) for w in weights]
    out = [math.floor(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


class _Locator:
    """Point -> deepest jurisdiction of the demo tree, without queries."""

    def __init__(self, tree):
        self.children: dict = {}
        for level in ("district", "street", "grid"):
            for j in tree[level]:
                self.children.setdefault(j.parent_id, []).append(j)
        self.city = tree["city"][0]
        lon0, lat0, lon1, lat1 = _bbox(self.city.boundary)
        self.bbox = (lon0 + 1e-4, lat0 + 1e-4, lon1 - 1e-4, lat1 - 1e-4)

    def clip(self, lon, lat):
        b = self.bbox
        return min(max(lon, b[0]), b[2]), min(max(lat, b[1]), b[3])

    def locate(self, lon, lat):
        node = self.city
        while True:
            nxt = next((c for c in self.children.get(node.id, []) if geojson_contains(c.boundary, lon, lat)), None)
            if nxt is None:
                return node
            node = nxt


def _bbox(geom):
    ring = geom["coordinates"][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _near(rng, lon, lat, sigma_m):
    dlat = rng.gauss(0, sigma_m) / 111_195.0
    dlon = rng.gauss(0, sigma_m) / (111_195.0 * math.cos(math.radians(lat)))
    return lon + dlon, lat + dlat


def _pick(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class _Builder:
    def __init__(self, ctx, cats, depts, officers, locator, rng=None, codes=None):
        self.ctx, self.rng, self.cats, self.depts = ctx, rng or ctx.rng, cats, depts
        self.officers, self.loc = officers, locator
        self.codes: set[str] = set() if codes is None else codes
        self.tz = timezone.get_current_timezone()
        self.limits = deadlines.DEFAULT_LIMITS

    def code(self, day):
        while True:
            c = f"TS{day:%Y%m%d}-" + "".join(self.rng.choice(CODE_ALPHABET) for _ in range(6))
            if c not in self.codes:
                self.codes.add(c)
                return c

    def place(self, sub):
        rng = self.rng
        spots = [h for h in INDUSTRIAL + CONSTRUCTION + DOWNTOWN if sub in h[4]]
        if spots and rng.random() < 0.55:
            lon, lat, sigma, addr, _c = rng.choice(spots)
            lon, lat = _near(rng, lon, lat, 15 if rng.random() < 0.2 else sigma)  # the same gate, again and again
            lon, lat = self.loc.clip(lon, lat)
            return lon, lat, addr
        b = self.loc.bbox
        lon, lat = rng.uniform(b[0], b[2]), rng.uniform(b[1], b[3])
        return lon, lat, None

    def complaint(self, sub, day, today):
        rng = self.rng
        lon, lat, addr = self.place(sub)
        grid = self.loc.locate(lon, lat)
        if addr is None:
            addr = f"{grid.parent.name if grid.parent_id else ''}{rng.choice(ROADS)}路{rng.randint(1, 300)}号"
        received = dt.datetime.combine(day, dt.time(rng.randint(8, 20), rng.randint(0, 59)), tzinfo=self.tz)
        cat = self.cats[sub]
        anonymous = rng.random() < 0.3
        c = Complaint(
            tracking_code=self.code(day), channel=_pick(rng, CHANNELS), category=cat, jurisdiction=grid,
            department=self.depts.get(defaults.department_codes()[sub]), description=_text(rng, cat, addr),
            address=addr, lon=round(lon, 6), lat=round(lat, 6), received_at=received, created=received,
            acceptance_due=deadlines.acceptance_due(day, self.limits), anonymous=anonymous,
        )
        if c.channel == "transfer":
            c.transferred_from, c.source_ref = "省生态环境厅", f"赣环信转〔{day.year}〕{rng.randint(1, 400)}号"
        if not anonymous:
            c.reporter_name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < .6 else "")
            c.reporter_phone = f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"
        self.handle(c, today)
        return c

    def handle(self, c, today):
        """Give the complaint a plausible history up to ``today``."""
        rng, day = self.rng, c.received_at
        if rng.random() < 0.04:
            reason, body = rng.choice(REDIRECTS)
            c.status, c.not_accepted_reason, c.redirect_body = S.NOT_ACCEPTED, f"反映事项属{reason}，不属本局职责", body
            c.closed_at = day + dt.timedelta(days=rng.randint(1, 10), hours=2)
            return
        c.accepted_at = day + dt.timedelta(days=0 if c.channel == "hotline" else rng.randint(1, 7), hours=1)
        c.finish_due = deadlines.finish_due(timezone.localdate(c.accepted_at), self.limits)
        c.assignee = rng.choice(self.officers)
        handle_days = min(75, max(1, int(rng.lognormvariate(2.45, 0.6))))  # median about 12 days
        handled = c.accepted_at + dt.timedelta(days=handle_days, hours=rng.randint(1, 6))
        closed = handled + dt.timedelta(days=rng.randint(1, 3))
        if timezone.localdate(closed) > today:
            states = [S.ACCEPTED, S.ASSIGNED, S.INVESTIGATING]
            c.status = states[min(2, (today - timezone.localdate(c.accepted_at)).days // 3)]
            if c.status == S.ACCEPTED:
                c.assignee = None
            return
        c.findings = "经现场核查，" + rng.choice(["反映情况属实。", "反映情况部分属实。", "未发现反映的问题。"])
        c.outcome = {"反映情况属实。": "substantiated", "反映情况部分属实。": "partly"}.get(c.findings[6:], "unsubstantiated")
        c.measures = rng.choice(["责令立即整改，已复查整改到位。", "责令停止违法行为并立案调查。", "已督促企业规范运行治污设施。",
                                 "已协调施工单位调整作业时间。", "加强巡查，纳入重点监管。"])
        c.handled_at, c.closed_at, c.status = handled, closed, S.CLOSED
        c.review_note = "同意办结"
        c.reply = f"您反映的问题已办理：{c.measures}感谢您对生态环境保护工作的支持。"


def _text(rng, cat, addr):
    what = {"air": "有明显废气、异味或扬尘", "noise": "噪声扰民严重", "water": "有污水直排、水体发黑发臭",
            "waste": "有固体废物随意倾倒", "radiation": "疑似有辐射设备违规使用", "ecology": "有毁林、非法采砂等破坏生态行为",
            "other": "环境问题影响周边居民"}[cat.root.code if cat.parent_id else cat.code]
    when = rng.choice(["夜间", "清晨", "白天", "周末", "近一周每天", "持续一个多月"])
    return f"{addr}附近{when}{what}（{cat.name}），请尽快查处。"


def _dates(rng, year, month, n):
    first = dt.date(year, month, 1)
    days = ((first.replace(month=month % 12 + 1, day=1) if month < 12 else dt.date(year + 1, 1, 1)) - first).days
    return sorted(first + dt.timedelta(days=rng.randrange(days)) for _ in range(n))


def _setup(ctx):
    from django.apps import apps

    defaults.load(apps)  # idempotent: the migration normally created them
    depts = dict(ctx.data.get("departments") or {d.code: d for d in Department.objects.all()})
    codes = defaults.department_codes()
    cats = {c.code: c for c in ComplaintCategory.objects.select_related("parent")}
    for code, cat in cats.items():
        if codes.get(code) in depts:
            cat.department = depts[codes[code]]
    ComplaintCategory.objects.bulk_update(list(cats.values()), ["department"])
    tree = ctx.data["jurisdictions"]
    ComplaintPolicy.objects.get_or_create(jurisdiction=tree["city"][0])
    officers = list(User.objects.filter(role="officer").order_by("username")) or [None]
    return cats, depts, officers, tree


def load(ctx) -> None:
    cats, depts, officers, tree = _setup(ctx)
    b = _Builder(ctx, cats, depts, officers, _Locator(tree))
    today, year = ctx.today, ctx.today.year
    rows: list[Complaint] = []
    for root, (now, before) in COUNTS.items():
        subs = SUBSHARES.get(root, {root: 1})
        for y, total in ((year, now), (year - 1, before)):
            for sub, n_sub in zip(subs, _split(total, list(subs.values())), strict=True):
                for month, n in enumerate(_split(n_sub, MONTH_WEIGHTS), start=1):
                    rows += [b.complaint(sub, d, today) for d in _dates(ctx.rng, y, month, n)]
    live = [b.complaint(ctx.rng.choice(list(cats_leaf(cats))), today - dt.timedelta(days=ctx.rng.randint(0, 20)), today)
            for _ in range(40)]
    for c in live:  # November: still being worked on
        c.status, c.closed_at, c.handled_at, c.reply, c.findings, c.measures, c.outcome = S.RECEIVED, None, None, "", "", "", ""
        c.accepted_at = c.finish_due = c.assignee = None
    rows.sort(key=lambda c: c.received_at)
    merged = _merge_duplicates(ctx, rows)
    closed_now = [c for c in rows if c.status == S.CLOSED and c.received_at.year == year]
    good = round(len(closed_now) * SATISFIED)
    _satisfaction(ctx.rng, closed_now, good)
    ext = _extension_days(ctx, closed_now)
    later = _later(ctx, _Builder(ctx, cats, depts, officers, b.loc, random.Random(f"complaints-later:{ctx.seed}"),
                                 b.codes))
    later_closed = [c for c in later if c.status == S.CLOSED and c.received_at.year == year]
    _satisfaction(random.Random(f"complaints-later-satisfaction:{ctx.seed}"), later_closed,
                  round((len(closed_now) + len(later_closed)) * SATISFIED) - good)
    Complaint.objects.bulk_create([c for c in rows if c.merged_into is None] + live + later, batch_size=1000)
    Complaint.objects.bulk_create(merged, batch_size=1000)
    _extensions(ext)
    rewards = _rewards(ctx, [c for c in rows if c.status == S.CLOSED and c.outcome == "substantiated"
                             and c.category.code in ("air-industrial", "water", "waste", "air-odour")])
    audit_bulk_create(actor=None, objs=rows + live + later, note="演示数据")
    ctx.log(f"  complaints: {len(rows) + len(live) + len(later)} ({sum(1 for c in rows if c.received_at.year == year)}"
            f" in Jan-Aug {year}, {len(later)} from September on), merged {len(merged)}, extensions {len(ext)}, "
            f"rewards {rewards}")


def _later_count(y: int, month: int, year: int) -> int:
    """Complaints in the month ``y``-``month`` of the months generated after August of ``year - 1``:
    September-December at their level (the year before's, then the demo year's), and a live demo's
    January-August of the years after the demo year as the demo year's (2,739 split by MONTH_WEIGHTS)."""
    if month >= 9:
        return LATER_MONTHS[month][1 if y < year else 0]
    return _split(sum(now for now, _b in COUNTS.values()), MONTH_WEIGHTS)[month - 1]


def _later(ctx, b: _Builder) -> list[Complaint]:
    """The complaints received after August: the year before's September-December in full, then every
    month from the demo year's September to the last day of the demo (the anchor day, or the last live
    day, in a later year too), the last month's count in proportion to its days so far. ``b`` draws from
    its own generator: the shared stream, and every figure drawn from it after this, stay the same."""
    last, year = last_day(ctx), ctx.today.year
    subs = [(sub, (now + before) * share / sum(shares.values()))
            for root, (now, before) in COUNTS.items()
            for shares in [SUBSHARES.get(root, {root: 1})] for sub, share in shares.items()]
    out = []
    first = dt.date(year - 1, 9, 1)
    while first <= last:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        if not (first.year == year and first.month <= 8):  # the demo year's January-August are above
            end = min(following - dt.timedelta(days=1), last)
            span = (end - first).days + 1
            for _ in range(round(_later_count(first.year, first.month, year) * span / (following - first).days)):
                day = first + dt.timedelta(days=b.rng.randrange(span))
                out.append(b.complaint(_pick(b.rng, subs), day, last))
        first = following
    return sorted(out, key=lambda c: c.received_at)


def cats_leaf(cats):
    return [k for k, c in cats.items() if not any(x.parent_id == c.id for x in cats.values())]


def _satisfaction(rng, closed, good: int):
    """``good`` of ``closed`` (drawn at random) satisfied or basically satisfied, the others not."""
    order = list(closed)
    rng.shuffle(order)
    for i, c in enumerate(order):
        c.satisfaction = ("satisfied" if i < good * 0.82 else "basic") if i < good else rng.choice(
            ["unsatisfied", "unreachable"])


def _merge_duplicates(ctx, rows):
    """Complaints at a hotspot with the same category within 7 days of an earlier one are merged into it."""
    last: dict = {}
    merged = []
    for c in rows:
        key = (c.category_id, c.address)
        prev = last.get(key)
        if prev is not None and (c.received_at - prev.received_at).days <= 7 and ctx.rng.random() < 0.08 \
                and c.status == S.CLOSED and prev.status == S.CLOSED:
            c.status, c.merged_into = S.MERGED, prev
            c.findings = c.measures = c.reply = c.outcome = c.review_note = c.satisfaction = ""
            c.handled_at, c.closed_at = None, c.received_at + dt.timedelta(days=1)
            merged.append(c)
        else:
            last[key] = c
    return merged


def _extension_days(ctx, closed):
    """Long cases (over 45 days) and a few others got an approved extension of 15-30 days."""
    picked = [c for c in closed if c.accepted_at and (c.closed_at - c.accepted_at).days > 45]
    picked += ctx.rng.sample(closed, 20)
    exts, seen = [], set()
    for c in picked:
        if id(c) in seen:
            continue
        seen.add(id(c))
        days = ctx.rng.choice([15, 20, 30])
        c.extension_days = days
        c.finish_due = deadlines.extended(c.finish_due, days)
        at = c.accepted_at + dt.timedelta(days=40)
        exts.append(ComplaintExtension(complaint=c, days=days, reason="需委托监测机构采样检测，情况复杂", status="approved",
                                       requested_by=c.assignee, requested_at=at, decided_at=at + dt.timedelta(days=1),
                                       decision_note="同意延期"))
    return exts


def _extensions(exts):
    for e in exts:
        e.complaint_id = e.complaint.pk
    ComplaintExtension.objects.bulk_create(exts)


def _rewards(ctx, candidates):
    kinds = list(RewardKind.objects.all())
    tiers = [(Decimal(lo), None if hi is None else Decimal(hi), Decimal(a)) for lo, hi, a in defaults.REWARD_TIERS]
    out = []
    for c in ctx.rng.sample(candidates, min(36, len(candidates))):
        kind = ctx.rng.choice(kinds)
        fine = Decimal(ctx.rng.choice([8000, 30000, 50000, 100000, 200000, 500000]))
        status = ctx.rng.choice(["paid", "paid", "paid", "approved", "proposed"])
        r = Reward(complaint=c, kind=kind, eligible=True, penalty_amount=fine, amount_yuan=amount_for(tiers, fine, kind.amount_yuan),
                   status=status, decision_note="查证属实，符合奖励条件", proposed_at=c.closed_at)
        if status in ("approved", "paid"):
            r.approved_at = c.closed_at + dt.timedelta(days=10)
        if status == "paid":
            r.paid_at, r.payment_ref = c.closed_at + dt.timedelta(days=25), f"JL{c.closed_at:%Y%m}{len(out) + 1:03d}"
        out.append(r)
    Reward.objects.bulk_create(out)
    return len(out)

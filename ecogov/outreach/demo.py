"""Demo open days for the demo city (示范市): five facilities open to the public,
23 open days held in January-August of the demo year with 936 visitors (the
seed's 1-8月 [004]), and two upcoming ones open for registration. Deterministic
(ctx.rng only) and bulk-inserted; loaded right after the complaints, whose random
stream it continues."""

from __future__ import annotations

import datetime as dt
import math

from django.utils import timezone

from .models import Facility, OpenDayEvent, OpenDayRegistration

FACILITIES = [("城东污水处理厂", "污水处理"), ("示范市生活垃圾焚烧发电厂", "垃圾焚烧"),
              ("示范市生态环境监测站", "环境监测"), ("新港区危险废物处置中心", "危废处置"),
              ("高新区餐厨垃圾处理厂", "餐厨垃圾处理")]
ROADS = ["人民", "建设", "解放", "胜利", "滨江"]
SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
OPEN_DAYS, VISITORS = 23, 936
FIRST_DAY = (1, 10)  # open days from 10 January of the demo year
LAST_DAY = (8, 31)  # to the end of August: the seed's bulletin reports January-August [004]


def _visitors_per_event(total: int, weights: list[float]) -> list[int]:
    """``total`` split by ``weights`` in whole people (largest remainders get the leftovers)."""
    shares = [total * w / sum(weights) for w in weights]
    counts = [math.floor(x) for x in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _facilities(districts) -> list[Facility]:
    return Facility.objects.bulk_create([
        Facility(name=n, kind=k, address=f"{districts[i % len(districts)].name}{ROADS[i]}路",
                 jurisdiction=districts[i % len(districts)])
        for i, (n, k) in enumerate(FACILITIES)])


def _events(ctx, facilities) -> list[tuple[OpenDayEvent, int]]:
    """The held open days with the people who came to each, then the two upcoming ones."""
    rng, first = ctx.rng, dt.date(ctx.today.year, *FIRST_DAY)
    last = min(ctx.today - dt.timedelta(days=7), dt.date(ctx.today.year, *LAST_DAY))
    span = (last - first).days + 1
    offsets = sorted(rng.sample(range(span), OPEN_DAYS))
    came = _visitors_per_event(VISITORS, [rng.uniform(0.7, 1.3) for _ in range(OPEN_DAYS)])
    out = []
    for i, (offset, n) in enumerate(zip(offsets, came, strict=True)):
        f = facilities[i % len(facilities)]
        out.append((OpenDayEvent(facility=f, date=first + dt.timedelta(days=offset), capacity=n + rng.randint(5, 15),
                                 title=f"{f.name}公众开放日", registration_open=False, held=True), n))
    for j in range(2):
        f = facilities[j]
        out.append((OpenDayEvent(facility=f, date=ctx.today + dt.timedelta(days=10 + 7 * j), capacity=50,
                                 title=f"{f.name}公众开放日（冬季场）"), 0))
    return out


def _registrations(ctx, events) -> list[OpenDayRegistration]:
    """Parties of one to five who all came, registered five days before."""
    rng, year, tz = ctx.rng, ctx.today.year, timezone.get_current_timezone()
    regs: list[OpenDayRegistration] = []
    for e, came in events:
        while came > 0:
            party = min(came, rng.randint(1, 5))
            regs.append(OpenDayRegistration(
                event=e, code=f"OD{year}{len(regs) + 1:05d}", name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                phone=f"13{rng.randint(0, 999999999):09d}", party_size=party, attended=party,
                created=dt.datetime.combine(e.date - dt.timedelta(days=5), dt.time(9), tzinfo=tz)))
            came -= party
    return regs


def load(ctx) -> None:
    facilities = _facilities(ctx.data["jurisdictions"]["district"])
    events = _events(ctx, facilities)
    OpenDayEvent.objects.bulk_create([e for e, _ in events])
    OpenDayRegistration.objects.bulk_create(_registrations(ctx, events), batch_size=1000)
    ctx.log(f"  open days: {OPEN_DAYS}, visitors {VISITORS}")

"""Demo programme of the year's 7,117 pollution-control projects (7117项污染防治工程), by the categories
the seed names: 539 foundries, 137 car-repair shops and 306 key-enterprise VOCs projects (air); 4,423
phosphorus-handling enterprises and 186 villages' domestic sewage (water); 75 key soil units' hazard
re-checks, 58 soil and groundwater surveys around key units and 92 soil-pollution survey reviews
(soil); the remaining 1,301 the seed does not break down ("other"). Investments, dates and progress
are invented, from their own generator so that no other demo figure changes."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from .models import Programme, Project

TOTAL = 7117
#: category -> number of projects (the seed's figures; "其他污染防治工程" is the remainder)
CATEGORIES = {
    "铸造企业整治": 539,
    "汽修企业整治": 137,
    "重点企业VOCs治理": 306,
    "涉磷企业规范化整治": 4423,
    "行政村生活污水治理": 186,
    "土壤重点监管单位隐患排查回头看": 75,
    "土壤与地下水周边监测": 58,
    "土壤污染状况调查报告评审": 92,
}
CATEGORIES["其他污染防治工程"] = TOTAL - sum(CATEGORIES.values())
SEED = 7117
PROGRESS = [100] * 6 + [85, 70, 50, 35]


def _milestones(start: dt.date, deadline: dt.date) -> list[dict]:
    span = (deadline - start).days
    return [{"name": n, "due": (start + dt.timedelta(days=span * k // 3)).isoformat(), "share": s}
            for n, k, s in (("开工", 1, 30), ("主体完工", 2, 40), ("验收", 3, 30))]


def projects(programme: Programme, districts: list, year: int) -> list[Project]:
    rng = random.Random(SEED)
    out = []
    n = 0
    for category, count in CATEGORIES.items():
        for i in range(count):
            n += 1
            start = dt.date(year, 1 + rng.randrange(5), 1 + rng.randrange(28))
            deadline = dt.date(year, 12, 31)
            planned = Decimal(rng.randrange(500, 30_000)) / 100  # CNY 10k: 5 to 300
            progress = rng.choice(PROGRESS)
            out.append(Project(programme=programme, code=f"PC-{n:05d}", name=f"{category}{i + 1}", category=category,
                               jurisdiction=districts[n % len(districts)], year=year, planned_investment=planned,
                               actual_investment=(planned * progress / 100).quantize(Decimal("0.01")), start=start,
                               deadline=deadline, progress=progress, milestones=_milestones(start, deadline)))
    return out


def load(ctx, year: int) -> int:
    programme = Programme.objects.create(name="7117项污染防治工程", year_start=year, year_end=year,
                                         description="全年实施7117项污染防治工程（大气、水、土壤）")
    rows = projects(programme, ctx.data["jurisdictions"]["district"], year)
    Project.objects.bulk_create(rows, batch_size=1000)
    return len(rows)

"""Demo exam paper (with unmet and missing indicators), programmes with projects (58 key projects in
six categories, about CNY 20 billion; 242 Taihu projects; rain and sewage separation in 4 areas over
3 phases; the 7,117 pollution-control projects in ``demo_pollution``) and one basin compensation
agreement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from . import demo_pollution
from .models import CompensationAgreement, EcoIndicator, EcoIndicatorValue, Programme, Project

#: code, name, category, unit, target, direction, department, computed key, value last year (entered)
EXAM = [
    ("EC01", "环境空气质量优良天数比例", "生态环境质量", "%", 90, "higher", "市生态环境局", "air_good_ratio", None),
    ("EC02", "PM2.5 年均浓度", "生态环境质量", "µg/m³", 35, "lower", "市生态环境局", "pm25", None),
    ("EC03", "地表水水质优良（达到或优于Ⅲ类）比例", "生态环境质量", "%", 90, "higher", "市生态环境局",
     "water_good_ratio", None),
    ("EC04", "国考断面水质优良比例", "生态环境质量", "%", 100, "higher", "市生态环境局", "national_good_ratio", None),
    ("EC05", "集中式饮用水水源地水质达标率", "生态环境质量", "%", 100, "higher", "市生态环境局", "drinking_water", None),
    ("EC06", "森林覆盖率", "生态空间", "%", 60, "higher", "市林业局", "", 67.25),
    ("EC07", "湿地保护率", "生态空间", "%", 70, "higher", "市林业局", "", 76.07),
    ("EC08", "城镇人均公园绿地面积", "生态人居", "m²", 15, "higher", "市住房和城乡建设局", "", 15.72),
    ("EC09", "公园绿地服务半径覆盖率（300米见绿、500米见园）", "生态人居", "%", 90, "higher",
     "市住房和城乡建设局", "", 86.4),
    ("EC10", "生物多样性观测站点", "生态空间", "个", 5, "higher", "市生态环境局", "", None),
    ("EC11", "农村生活污水治理率", "生态人居", "%", 50, "higher", "市农业农村局", "", 42.0),
    ("EC12", "生态环境状况指数（EI）", "生态环境质量", "", 55, "higher", "市生态环境局", "", 70.1),
]
#: CNY 10k per section-month. Calibrated on the default demo (3 boundary sections, 1 Jan - 20 Nov:
#: 31 section-months meet the target, 2 miss it): 31 x 340 + 2 x 180 = 10,900, the seed's CNY 109 million
#: paid out in the year.
AGREEMENT_RULE = {"kind": "per_month", "met": 340, "missed": 180}
KEY_CATEGORIES = ["大气污染防治", "水污染防治", "土壤污染防治", "生态保护修复", "固体废物处置", "监管能力建设"]


def _exam(year: int) -> int:
    for n, (code, name, cat, unit, target, direction, dept, computed, value) in enumerate(EXAM):
        ind = EcoIndicator.objects.create(code=code, name=name, category=cat, unit=unit, target=target,
                                          direction=direction, department=dept, computed=computed, order=n)
        if value is not None:
            EcoIndicatorValue.objects.create(indicator=ind, year=year, value=value,
                                             evidence=f"{dept}{year}年度统计公报")
    return len(EXAM)


def _milestones(start: dt.date, deadline: dt.date) -> list[dict]:
    span = (deadline - start).days
    return [{"name": n, "due": (start + dt.timedelta(days=span * k // 3)).isoformat(), "share": s}
            for n, k, s in (("开工", 1, 30), ("主体完工", 2, 40), ("验收", 3, 30))]


def _projects(ctx, programme, n: int, code: str, categories, budget: int, year: int) -> list[Project]:
    rng = ctx.rng
    districts = ctx.data["jurisdictions"]["district"]
    out = []
    for i in range(n):
        start = dt.date(year, 1 + rng.randrange(6), 1)
        deadline = dt.date(year + rng.randrange(2), 12, 31)
        planned = Decimal(budget) * Decimal(rng.uniform(0.5, 1.5)) / n
        progress = rng.choice([0, 20, 35, 50, 70, 85, 100, 100])
        out.append(Project(programme=programme, code=f"{code}-{i + 1:03d}", name=f"{categories[i % len(categories)]}项目{i + 1}",
                           category=categories[i % len(categories)], jurisdiction=districts[i % len(districts)],
                           year=year, planned_investment=planned.quantize(Decimal("0.01")),
                           actual_investment=(planned * progress / 100).quantize(Decimal("0.01")), start=start,
                           deadline=deadline, progress=progress, milestones=_milestones(start, deadline)))
    return out


def _programmes(ctx, year: int) -> int:
    key = Programme.objects.create(name="58个重点项目", year_start=year, year_end=year + 1,
                                   description="六大类58个重点项目，总投资约200亿元")
    taihu = Programme.objects.create(name="太湖治理项目", year_start=year - 1, year_end=year + 1)
    sewer = Programme.objects.create(name="雨污分流改造", year_start=year - 1, year_end=year + 1,
                                     description="4个片区分3期实施")
    projects = _projects(ctx, key, 58, "KP", KEY_CATEGORIES, 2_000_000, year)
    projects += _projects(ctx, taihu, 242, "TH", ["控源截污", "生态清淤", "河道整治", "农业面源治理"], 480_000, year)
    areas = ["老城片区", "河东片区", "新港片区", "高新片区"]
    sewer_rows = _projects(ctx, sewer, 12, "YW", [f"{a}第{p}期" for a in areas for p in (1, 2, 3)], 360_000, year)
    for i, p in enumerate(sewer_rows):
        p.name = f"{areas[i // 3]}雨污分流第{i % 3 + 1}期"
    projects += sewer_rows
    Project.objects.bulk_create(projects)
    return len(projects)


def _agreement(ctx, year: int) -> None:
    districts = ctx.data["jurisdictions"]["district"]
    CompensationAgreement.objects.create(
        name="清河流域上下游横向生态补偿协议", version=1, upstream=districts[0], downstream=districts[1],
        valid_from=dt.date(year - 1, 1, 1), valid_to=dt.date(year + 1, 12, 31), sections=["WS01", "WS05", "WS07"],
        rule=AGREEMENT_RULE)


def load(ctx) -> str:
    year = ctx.today.year
    n_exam = _exam(year - 1)
    n_projects = _programmes(ctx, year)
    _agreement(ctx, year)
    n_pollution = demo_pollution.load(ctx, year)
    return (f"exam-paper indicators: {n_exam}, projects: {n_projects} + {n_pollution} pollution-control projects, "
            "compensation agreements: 1")

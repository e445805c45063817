"""Default reference data (loaded by migration 0002, editable afterwards):
the category tree, its Open311 attributes, the 11 reward-eligible violation
kinds and the reward amount table."""

from __future__ import annotations

# (code, Chinese, English, department code, children)
CATEGORIES = [
    ("air", "大气污染", "Air pollution", "ENV-AIR", [
        ("air-industrial", "工业废气", "Industrial emissions", "ENV-AIR"),
        ("air-dust", "扬尘", "Dust", "HOUSING"),
        ("air-vehicle", "机动车尾气", "Vehicle exhaust", "ENV-AIR"),
        ("air-restaurant", "餐饮油烟", "Restaurant fumes", "URBAN"),
        ("air-odour", "恶臭异味", "Odour", "ENV-AIR"),
    ]),
    ("water", "水污染", "Water pollution", "ENV-WATER", []),
    ("noise", "噪声污染", "Noise", "ENV-ENF", [
        ("noise-industrial", "工业噪声", "Industrial noise", "ENV-ENF"),
        ("noise-construction", "建筑施工噪声", "Construction noise", "HOUSING"),
        ("noise-commercial", "社会生活噪声", "Commercial and social noise", "URBAN"),
        ("noise-traffic", "交通噪声", "Traffic noise", "TRAFFIC"),
    ]),
    ("waste", "固体废物与危险废物", "Solid and hazardous waste", "ENV-SOIL", []),
    ("radiation", "辐射", "Radiation", "ENV-LAW", []),
    ("ecology", "生态破坏", "Ecological damage", "NATURAL", []),
    ("other", "其他", "Other", "ENV-OFFICE", []),
]

PERIOD_VALUES = [{"key": "day", "name": "昼间（6:00-22:00）"}, {"key": "night", "name": "夜间（22:00-次日6:00）"}]

# category code -> [(code, question, datatype, required, values)]
ATTRIBUTES = {
    "noise-industrial": [("period", "噪声出现的时段", "singlevaluelist", True, PERIOD_VALUES)],
    "noise-construction": [("period", "噪声出现的时段", "singlevaluelist", True, PERIOD_VALUES)],
    "noise-commercial": [("period", "噪声出现的时段", "singlevaluelist", True, PERIOD_VALUES)],
    "noise-traffic": [("period", "噪声出现的时段", "singlevaluelist", True, PERIOD_VALUES)],
    "air-industrial": [("source_name", "排放单位名称（如知道）", "string", False, [])],
    "water": [("water_body", "受影响的河流、湖库或沟渠", "string", False, [])],
}

# The 11 reward-eligible kinds of violation (configurable), base amount in CNY when no fine applies.
REWARD_KINDS = [
    ("hidden-pipe", "通过暗管、渗井、渗坑、灌注等逃避监管的方式违法排放污染物", 5000),
    ("falsified-data", "篡改、伪造监测数据", 5000),
    ("bypass-facility", "不正常运行防治污染设施等逃避监管的方式违法排放污染物", 3000),
    ("hazardous-waste", "违法排放、倾倒、处置危险废物", 5000),
    ("no-permit", "未取得排污许可证排放污染物", 2000),
    ("over-limit", "超过排放标准或重点污染物总量控制指标排放污染物", 2000),
    ("no-eia", "建设项目未依法进行环境影响评价擅自开工建设", 2000),
    ("refuse-order", "被责令停产整治、停止排污后拒不执行", 3000),
    ("toxic-substances", "违法排放有毒有害物质造成环境污染", 5000),
    ("illegal-transfer", "非法转移、倾倒固体废物", 3000),
    ("ecology-damage", "在自然保护地等生态保护红线内违法开发建设、破坏生态", 3000),
]

# Global amount table: (fine from, fine below or None, reward) [CNY]
REWARD_TIERS = [
    (0, 10_000, 500),
    (10_000, 100_000, 2_000),
    (100_000, 1_000_000, 5_000),
    (1_000_000, None, 10_000),
]


def load(apps) -> None:
    """Create the defaults (idempotent); used by the data migration and by tests."""
    Category = apps.get_model("complaints", "ComplaintCategory")
    Attribute = apps.get_model("complaints", "ServiceAttribute")
    Kind = apps.get_model("complaints", "RewardKind")
    Tier = apps.get_model("complaints", "RewardTier")
    for order, (code, zh, en, _dept, children) in enumerate(CATEGORIES, start=1):
        parent, _ = Category.objects.get_or_create(code=code, defaults={"name": zh, "name_en": en, "order": order})
        for sub_order, (sub, szh, sen, _sdept) in enumerate(children, start=1):
            Category.objects.get_or_create(code=sub, defaults={"name": szh, "name_en": sen, "order": sub_order,
                                                               "parent": parent})
    for code, attrs in ATTRIBUTES.items():
        cat = Category.objects.get(code=code)
        for order, (acode, question, datatype, required, values) in enumerate(attrs, start=1):
            Attribute.objects.get_or_create(category=cat, code=acode, defaults={
                "description": question, "datatype": datatype, "required": required, "values": values, "order": order})
    for order, (code, name, amount) in enumerate(REWARD_KINDS, start=1):
        Kind.objects.get_or_create(code=code, defaults={"name": name, "amount_yuan": amount, "order": order})
    if not Tier.objects.exists():
        for lo, hi, amount in REWARD_TIERS:
            Tier.objects.create(penalty_from=lo, penalty_to=hi, amount_yuan=amount)


def department_codes() -> dict[str, str]:
    """category code -> responsible department code (assigned when the departments exist)."""
    out = {}
    for code, _zh, _en, dept, children in CATEGORIES:
        out[code] = dept
        for sub, _szh, _sen, sdept in children:
            out[sub] = sdept
    return out

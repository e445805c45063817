"""Column lists: one per table, shared by the page and its .xlsx export."""

from __future__ import annotations

from ecogov.core.excel import Column

from .choices import InspectionResult, OffsiteMethod, OffsiteResult, PlanStatus


def _officers(obj) -> str:
    return "、".join(str(o) for o in obj.officers.all())


PLAN_COLUMNS = [
    Column("code", "计划编号", "Plan code"),
    Column("name", "计划名称", "Plan"),
    Column("jurisdiction__name", "辖区", "Jurisdiction"),
    Column("period_start", "开始", "From"),
    Column("period_end", "结束", "To"),
    Column("status", "状态", "Status", get=lambda p: PlanStatus.label(p.status)),
    Column("quota", "抽取数量", "Quota", get=lambda p: " ".join(f"{k}:{v}" for k, v in sorted(p.quota.items()))),
]

INSPECTION_COLUMNS = [
    Column("date", "检查日期", "Date"),
    Column("supervised_object__name", "检查对象", "Object"),
    Column("supervised_object__uscc", "统一社会信用代码", "USCC"),
    Column("plan__code", "计划", "Plan"),
    Column("officers", "执法人员", "Officers", get=_officers),
    Column("result", "检查结论", "Result", get=lambda i: InspectionResult.label(i.result)),
]

OFFSITE_COLUMNS = [
    Column("date", "日期", "Date"),
    Column("supervised_object__name", "企业", "Enterprise"),
    Column("method", "方式", "Method", get=lambda o: OffsiteMethod.label(o.method)),
    Column("result", "结果", "Result", get=lambda o: OffsiteResult.label(o.result)),
    Column("officer", "执法人员", "Officer", get=lambda o: str(o.officer or "")),
]


def drawn_columns(public: bool) -> list[Column]:
    cols = [
        Column("stratum", "类别", "Stratum"),
        Column("rank", "序号", "Rank"),
        Column("supervised_object__name", "抽中对象", "Object"),
        Column("supervised_object__uscc", "统一社会信用代码", "USCC"),
        Column("inspection__date", "检查日期", "Inspection date",
               get=lambda r: getattr(getattr(r, "inspection", None), "date", "")),
        Column("result", "检查结果", "Result", get=lambda r: InspectionResult.label(
            r.inspection.result if hasattr(r, "inspection") else InspectionResult.PENDING)),
    ]
    if not public:
        cols.insert(4, Column("officers", "执法人员", "Officers", get=_officers))
    return cols


ITEM_COLUMNS = [
    Column("code", "编码", "Code"),
    Column("version", "版本", "Version"),
    Column("name", "抽查事项", "Item"),
    Column("legal_basis", "法律依据", "Legal basis"),
    Column("target_type", "抽查对象类型", "Target type"),
    Column("sampling_ratio", "抽查比例", "Sampling ratio"),
    Column("frequency", "频次", "Frequency"),
    Column("method", "方式", "Method"),
    Column("officer_requirements", "执法人员要求", "Officer requirements"),
]

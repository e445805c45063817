"""Excel import of a campaign's enterprise checks (隐患排查检查记录): every row or none
(``core.excel.import_rows``), each bad row reported with its number and reason.

One row is one enterprise checked: its unified social credit code, the date, and for each
class of the checklist (the five pollution-control facilities and Al/Mg dust) the result and,
for a hazard, its description. Each row goes through ``services.hazard_check_record``, so an
imported check is refused for exactly the reasons the checklist form refuses it, and its
hazards go on the rectification ledger the same way.
"""

from __future__ import annotations

from typing import Any

from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import Column, ImportResult, cell_date, import_rows, parse_row, read_xlsx
from ecogov.registry import selectors as registry

from . import services
from .choices import CheckResult, Facility, HazardLevel
from .models import HazardCampaign

#: What a result cell may say (Chinese as printed on the checklist, or the English key) ->
#: (checklist result, hazard level). "存在隐患" without a level is a general hazard.
RESULTS: dict[str, tuple[str, str | None]] = {
    "符合": (CheckResult.OK, None), "ok": (CheckResult.OK, None),
    "不涉及": (CheckResult.NA, None), "na": (CheckResult.NA, None), "": (CheckResult.NA, None),
    "存在隐患": (CheckResult.HAZARD, HazardLevel.GENERAL), "hazard": (CheckResult.HAZARD, HazardLevel.GENERAL),
    "一般隐患": (CheckResult.HAZARD, HazardLevel.GENERAL), "general": (CheckResult.HAZARD, HazardLevel.GENERAL),
    "重大隐患": (CheckResult.HAZARD, HazardLevel.MAJOR), "major": (CheckResult.HAZARD, HazardLevel.MAJOR),
}


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()




def _result(value: Any) -> tuple[str, str | None]:
    key = _text(value)
    found = RESULTS.get(key) or RESULTS.get(key.lower())
    if found is None:
        raise ValueError(f"“{key}”应为 符合、不涉及、一般隐患 或 重大隐患 / expected ok, na, general or major")
    return found


IMPORT_COLUMNS = [
    Column("uscc", "统一社会信用代码", "USCC", parse=_text, required=True, example="91369902MA35XXXXXX",
           help_zh="被检查企业（须已在监管对象库中，且在您的辖区和本次行动范围内）"),
    Column("name", "企业名称", "Enterprise", parse=_text, example="示范市清湖化工有限公司", help_zh="仅供核对，不导入"),
    Column("date", "检查日期", "Date", parse=cell_date, required=True, example="2026-09-26",
           help_zh="须在专项行动期间，不晚于今天"),
    *[Column(f"r_{key}", zh, en, parse=_result, example="符合",
             help_zh="符合、不涉及（空白同）、一般隐患、重大隐患（“存在隐患”视为一般隐患）")
      for key, (zh, en, _colour) in Facility._entries.items()],
    *[Column(f"h_{key}", f"{zh}隐患描述", f"{en}: hazard", parse=_text, help_zh="结果为隐患时必填")
      for key, (zh, en, _colour) in Facility._entries.items()],
]
HEADERS = {c.key: c.header_zh for c in IMPORT_COLUMNS}


def _bad(errors: dict[str, list[str]]) -> ValidationFailed:
    text = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
    return ValidationFailed("invalid_row", text, text, detail={"errors": errors})


def _parse(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of a row parsed (a result column absent from the file reads as 不涉及)."""
    return parse_row(row, IMPORT_COLUMNS, skip_absent=False, unreadable="无法识别 / cannot read: ")


def _check_args(values: dict[str, Any], actor) -> dict[str, Any]:
    """The arguments of ``hazard_check_record`` for one parsed row."""
    ent = registry.objects_for(actor).filter(uscc=values["uscc"].upper()).first()
    if ent is None:
        raise _bad({HEADERS["uscc"]: [f"监管对象库中没有 {values['uscc']}（或不在您的辖区内）"
                                      f" / no supervised object {values['uscc']} in your jurisdiction"]})
    results: dict[str, str] = {}
    hazards: list[dict[str, str]] = []
    for key in Facility.values():
        result, level = values[f"r_{key}"]
        results[key] = result
        if result == CheckResult.HAZARD:
            if not values[f"h_{key}"]:
                raise _bad({HEADERS[f"h_{key}"]: ["结果为隐患时须填写隐患描述 / describe the hazard"]})
            hazards.append({"facility": key, "level": level or HazardLevel.GENERAL, "description": values[f"h_{key}"]})
    return {"supervised_object": ent, "date": values["date"], "results": results, "hazards": hazards}


def hazard_checks_import(*, campaign: HazardCampaign, data: bytes, actor) -> ImportResult:
    """Import an .xlsx of a campaign's enterprise checks; raises ``ImportFailed`` (nothing written)
    when any row is bad. Every row is a new check (an enterprise checked twice is refused)."""
    rows = read_xlsx(data, IMPORT_COLUMNS)
    if not rows:
        raise ValidationFailed("empty_file", "文件中没有数据行", "The file has no data rows")

    def handle(row: dict[str, Any]) -> bool:
        services.hazard_check_record(campaign=campaign, actor=actor, **_check_args(_parse(row), actor))
        return True

    return import_rows(rows, handle)

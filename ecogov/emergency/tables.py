"""Table columns (``core.excel.Column``): each on-screen table is its .xlsx export."""

from __future__ import annotations

from django.utils import timezone

from ecogov.core.excel import Column

from .choices import ActionStatus, Facility, FindingStatus, HazardLevel, PlanKind


def _local(value) -> str:
    return "" if value is None else f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def _district(jurisdiction) -> str:
    node = jurisdiction.ancestor_at("district") if jurisdiction is not None else None
    return node.name if node else (jurisdiction.name if jurisdiction else "")


INCIDENT_COLUMNS = [
    Column("code", "编号", "Number"),
    Column("title", "事件名称", "Title"),
    Column("level", "级别", "Level", get=lambda i: i.level_label),
    Column("kind", "类型", "Type", get=lambda i: i.kind_label),
    Column("district", "区县", "District", get=lambda i: _district(i.jurisdiction)),
    Column("location", "地点", "Location"),
    Column("media", "影响要素", "Media affected", get=lambda i: i.media_label),
    Column("occurred_at", "发生时间", "Occurred", get=lambda i: _local(i.occurred_at)),
    Column("reported_at", "报告时间", "Reported", get=lambda i: _local(i.reported_at)),
    Column("on_site_at", "到达现场", "On site", get=lambda i: _local(i.on_site_at)),
    Column("monitoring_at", "开展监测", "Monitoring", get=lambda i: _local(i.monitoring_at)),
    Column("controlled_at", "得到控制", "Controlled", get=lambda i: _local(i.controlled_at)),
    Column("ended_at", "响应终止", "Response ended", get=lambda i: _local(i.ended_at)),
    Column("status", "状态", "Status", get=lambda i: i.status_label),
]

PLAN_COLUMNS = [
    Column("title", "名称", "Title"),
    Column("kind", "类别", "Kind", get=lambda p: PlanKind.label(p.kind)),
    Column("district", "区县", "District", get=lambda p: _district(p.jurisdiction)),
    Column("current_version", "现行版本", "Current version"),
    Column("review_due", "修订期限", "Review due"),
]

DRILL_COLUMNS = [
    Column("date", "日期", "Date"),
    Column("title", "演练名称", "Title"),
    Column("district", "区县", "District", get=lambda d: _district(d.jurisdiction)),
    Column("scenario", "演练情景", "Scenario"),
    Column("units", "参演单位", "Units"),
    Column("participants", "参演人数", "Participants"),
    Column("findings", "发现问题", "Findings", get=lambda d: d.findings.count()),
]

CAMPAIGN_COLUMNS = [
    Column("district", "区域", "Area", get=lambda c: _district(c.jurisdiction)),
    Column("name", "专项行动", "Campaign"),
    Column("start", "开始", "From"),
    Column("end", "结束", "Until"),
    Column("target_checks", "计划检查企业", "Planned checks"),
    Column("checks", "已检查企业", "Enterprises checked", get=lambda c: c.checks.count()),
]

CHECK_COLUMNS = [
    Column("campaign", "专项行动", "Campaign", get=lambda c: c.campaign.name),
    Column("enterprise", "企业", "Enterprise", get=lambda c: str(c.supervised_object)),
    Column("district", "区县", "District", get=lambda c: _district(c.jurisdiction)),
    Column("date", "检查日期", "Date"),
    *[Column(f, zh, en, get=lambda c, f=f: c.result_label(f)) for f, (zh, en, _c) in Facility._entries.items()],
    Column("hazards", "隐患数", "Hazards", get=lambda c: c.hazard_count),
]

HAZARD_COLUMNS = [
    Column("enterprise", "企业", "Enterprise", get=lambda h: str(h.check_record.supervised_object)),
    Column("facility", "检查项", "Checklist class", get=lambda h: Facility.label(h.facility)),
    Column("level", "等级", "Level", get=lambda h: HazardLevel.label(h.level)),
    Column("description", "隐患", "Hazard"),
    Column("found", "发现日期", "Found"),
    Column("due", "整改期限", "Rectify by"),
    Column("status", "状态", "Status", get=lambda h: FindingStatus.label(h.status)),
    Column("ledger_item", "整改事项", "Ledger item"),
    Column("closed", "销号日期", "Closed"),
]

CONSULTATION_COLUMNS = [
    Column("date", "会商日期", "Date"),
    Column("area", "区域", "Area", get=lambda c: c.jurisdiction.name),
    Column("forecast_aqi", "预报AQI峰值", "Forecast AQI"),
    Column("episode", "污染过程", "Episode", get=lambda c: f"{c.episode_start or ''}—{c.episode_end or ''}"),
    Column("participants", "参会单位", "Participants"),
    Column("decision", "会商结论", "Decision"),
    Column("warning", "发布预警", "Warning issued", get=lambda c: str(c.warning or "")),
]


def action_columns(outcome_of) -> list[Column]:
    """Control actions with their outcome (``outcome_of(action) -> (outcome label, measured AQI)``)."""
    return [
        Column("code", "编号", "Number"),
        Column("day", "管控日", "Day"),
        Column("area", "区域", "Area", get=lambda a: a.jurisdiction.name),
        Column("forecast_aqi", "预报AQI", "Forecast AQI"),
        Column("targets", "管控对象", "Targets", get=lambda a: a.targets.count()),
        Column("status", "状态", "Status", get=lambda a: ActionStatus.label(a.status)),
        Column("measured", "实测AQI", "Measured AQI", get=lambda a: outcome_of(a)[1]),
        Column("outcome", "管控效果", "Outcome", get=lambda a: outcome_of(a)[0]),
    ]


REDUCTION_COLUMNS = [
    Column("enterprise", "企业", "Enterprise", get=lambda p: str(p.supervised_object)),
    Column("year", "年度", "Year"),
    Column("targets", "减排目标", "Targets", get=lambda p: "；".join(
        f"{t.get_pollutant_display()} {t.target_pct:g}%" for t in p.targets.all())),
    Column("met", "已达标", "Targets met", get=lambda p: sum(1 for t in p.targets.all() if t.met)),
    Column("follow_up_date", "最近跟踪", "Last follow-up"),
]

OZONE_COLUMNS = [
    Column("name", "清单", "List"),
    Column("area", "区域", "Area", get=lambda o: o.jurisdiction.name),
    Column("start", "管控期开始", "From"),
    Column("end", "管控期结束", "Until"),
    Column("entries", "管控对象", "Sources", get=lambda o: o.entries.count()),
    Column("rounds", "检查轮次", "Check rounds", get=lambda o: o.rounds.count()),
]

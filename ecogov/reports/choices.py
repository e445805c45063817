"""Briefing kinds and states."""

from __future__ import annotations

from ecogov.core.choices import ChoiceSet


class DocKind(ChoiceSet):
    """The document types; each has a period length (see ``periods``)."""

    MONTHLY = ("monthly", "月度工作简报", "Monthly bureau briefing", "blue")
    QUARTERLY = ("quarterly", "季度工作总结", "Quarterly work summary", "blue")
    ANNUAL = ("annual", "年度工作总结", "Annual work summary", "blue")
    LEADER = ("leader", "领导一页纸简报", "Leader's one-page brief", "purple")
    RECTIFICATION = ("rectification", "整改工作月度通报", "Rectification monthly bulletin", "orange")
    PUBLIC = ("public", "环境状况公报", "Public annual environmental bulletin", "green")


#: Period length of each kind: "month", "quarter" or "year".
PERIOD_OF = {
    DocKind.MONTHLY: "month", DocKind.QUARTERLY: "quarter", DocKind.ANNUAL: "year",
    DocKind.LEADER: "month", DocKind.RECTIFICATION: "month", DocKind.PUBLIC: "year",
}


class BriefingStatus(ChoiceSet):
    DRAFT = ("draft", "草稿", "Draft", "gray")
    ISSUED = ("issued", "已印发", "Issued", "green")
    SUPERSEDED = ("superseded", "已被新版本替代", "Superseded", "orange")

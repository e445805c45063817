"""Enforcement writes: opening penalty cases, workflow steps, deadline
extensions, daily continuous penalties, yellow cards, transfers, and the
configurable discretion table and deadlines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from ecogov.core.audit import create_audited, update_audited
from ecogov.core.errors import Conflict, ValidationFailed, field_error
from ecogov.core.permissions import require, require_object
from ecogov.supervision import selectors as supervision_selectors

from . import deadlines
from .choices import CaseSource, CaseStatus, TransferReceiver, TransferStatus
from .models import (
    CaseExtension,
    CaseTransfer,
    DailyPenalty,
    DeadlineSetting,
    DiscretionRule,
    PenaltyCase,
    YellowCard,
)
from .workflow import DECIDERS, WORKFLOW, handler_on_filing


def next_case_no(year: int) -> str:
    prefix = f"ENF-{year}-"
    last = PenaltyCase.objects.filter(case_no__startswith=prefix).order_by("-case_no").values_list("case_no", flat=True).first()
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:04d}"


@transaction.atomic
def case_open(*, supervised_object, facts: str, opened_date: dt.date, source: str = CaseSource.OTHER,
              inspection=None, joint_action: bool = False, actor) -> PenaltyCase:
    """Open a case awaiting the filing decision (立案审查)."""
    require(actor, "add", PenaltyCase)
    if not (facts or "").strip():
        raise field_error("facts", "请填写违法事实", "Describe the facts")
    return create_audited(actor=actor, obj=PenaltyCase(
        case_no=next_case_no(opened_date.year), supervised_object=supervised_object, facts=facts, source=source,
        inspection=inspection, opened_date=opened_date, joint_action=joint_action,
    ))


def case_open_from_inspection(*, inspection, facts: str = "", actor) -> PenaltyCase:
    """Open a case from an inspection (source "joint" for a joint action), opened on the inspection's date.

    ``facts`` defaults to the problems the inspection recorded.
    """
    return case_open(supervised_object=inspection.supervised_object,
                     facts=facts or supervision_selectors.inspection_problem_text(inspection),
                     opened_date=inspection.date,
                     source=CaseSource.JOINT if inspection.joint_action else CaseSource.INSPECTION,
                     inspection=inspection, joint_action=inspection.joint_action, actor=actor)


def case_open_for_violation(outcome) -> PenaltyCase:
    """Registered for the "violation" result of ``supervision.outcomes``: an inspection that finds a
    suspected violation opens a case awaiting the filing decision, in the inspection's transaction."""
    return case_open_from_inspection(inspection=outcome.inspection, facts=outcome.facts, actor=outcome.actor)


def case_transition(*, case: PenaltyCase, new: str, data: dict | None = None, note: str = "", actor) -> PenaltyCase:
    """One workflow step; the transition table refuses illegal moves with a clear message.

    Filing a case names its handler (``workflow.handler_on_filing``) unless ``data`` names one.
    """
    require_object(actor, case, "change")
    data = dict(data or {})
    if new == CaseStatus.FILED and "handler" not in data:
        data["handler"] = handler_on_filing(case, actor)
    return WORKFLOW.transition(case, new, actor=actor, data=data, note=note)


@transaction.atomic
def case_extend(*, case: PenaltyCase, days: int, reason: str, approved_date: dt.date, actor) -> CaseExtension:
    """Record an approved extension of the decision deadline (leader approval)."""
    require_object(actor, case, "approve")
    if not actor.is_superuser and actor.role not in DECIDERS:
        raise Conflict("approver_only", "延期须经负责人批准", "An extension needs the head's approval")
    if case.status not in (CaseStatus.FILED, CaseStatus.INVESTIGATION, CaseStatus.NOTIFIED, CaseStatus.HEARING):
        raise Conflict("not_open", "仅在办案件可延期", "Only open cases can be extended")
    if days <= 0 or not (reason or "").strip():
        raise ValidationFailed("bad_extension", "请填写延期天数和理由", "Give the days and the reason")
    return create_audited(actor=actor, obj=CaseExtension(case=case, days=days, reason=reason, approved_by=actor,
                                                          approved_date=approved_date))


@transaction.atomic
def daily_penalty_record(*, case: PenaltyCase, fine_per_day, order_delivered: dt.date, recheck_date: dt.date,
                         actor) -> DailyPenalty:
    """Compute and record a daily continuous penalty for a refusal to correct."""
    require_object(actor, case, "change")
    fine = _money(fine_per_day, "fine_per_day")
    days, total = deadlines.daily_penalty(fine, order_delivered, recheck_date)
    if days <= 0:
        raise field_error("recheck_date", "复查日期须晚于责令改正决定送达日期", "Re-inspection must follow the order")
    return create_audited(actor=actor, obj=DailyPenalty(case=case, fine_per_day=fine, order_delivered=order_delivered,
                                                         recheck_date=recheck_date, days=days, total=total))


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise field_error(field, "金额格式错误", "Not an amount") from exc
    if amount < 0:
        raise field_error(field, "金额不能为负", "Must not be negative")
    return amount


@transaction.atomic
def yellow_card_issue(*, supervised_object, issued_date: dt.date, valid_to: dt.date, reason: str, case=None,
                      actor) -> YellowCard:
    require(actor, "add", YellowCard)
    if valid_to < issued_date:
        raise field_error("valid_to", "警示期限结束日早于开始日", "The period ends before it starts")
    return create_audited(actor=actor, obj=YellowCard(supervised_object=supervised_object, case=case,
                                                       issued_date=issued_date, valid_from=issued_date,
                                                       valid_to=valid_to, reason=reason))


TRANSFER_MOVES = {
    TransferStatus.TRANSFERRED: {TransferStatus.ACCEPTED, TransferStatus.REJECTED},
    TransferStatus.ACCEPTED: {TransferStatus.FILED, TransferStatus.REJECTED},
    TransferStatus.FILED: {TransferStatus.CONCLUDED},
}


def transfer_next_statuses(transfer: CaseTransfer) -> list[tuple[str, str]]:
    """``(status, label)`` a transfer may move to now (the transfer list's choices; ``transfer_update``'s rule)."""
    allowed = TRANSFER_MOVES.get(transfer.status, set())
    return [(v, label) for v, label in TransferStatus.choices() if v in allowed]


@transaction.atomic
def transfer_create(*, case: PenaltyCase, receiver: str, receiver_name: str, transfer_date: dt.date, note: str = "",
                    actor) -> CaseTransfer:
    require_object(actor, case, "change")
    if receiver not in TransferReceiver.values():
        raise field_error("receiver", "接收机关类型无效", "Unknown receiver")
    if case.status in (CaseStatus.PENDING, CaseStatus.NOT_FILED):
        raise Conflict("not_filed", "案件立案后方可移送", "File the case before transferring it")
    return create_audited(actor=actor, obj=CaseTransfer(case=case, receiver=receiver, receiver_name=receiver_name,
                                                         transfer_date=transfer_date, status_date=transfer_date,
                                                         note=note))


@transaction.atomic
def transfer_update(*, transfer: CaseTransfer, status: str, status_date: dt.date, note: str = "", actor) -> CaseTransfer:
    require_object(actor, transfer, "change")
    if status not in TRANSFER_MOVES.get(transfer.status, set()):
        raise Conflict("illegal_transition",
                       f"移送状态不能从“{TransferStatus.label_zh(transfer.status)}”变为“{TransferStatus.label_zh(status)}”",
                       f"Cannot move a transfer from {transfer.status} to {status}")
    return update_audited(actor=actor, obj=transfer, data={"status": status, "status_date": status_date,
                                                            "note": note or transfer.note})


@transaction.atomic
def discretion_rule_save(*, code: str, actor, **fields) -> DiscretionRule:
    require(actor, "manage", DiscretionRule)
    rule = DiscretionRule.objects.filter(code=code).first()
    if fields.get("min_amount") is not None and fields.get("max_amount") is not None \
            and Decimal(str(fields["min_amount"])) > Decimal(str(fields["max_amount"])):
        raise field_error("max_amount", "上限低于下限", "Maximum below minimum")
    if rule is None:
        return create_audited(actor=actor, obj=DiscretionRule(code=code, **fields))
    return update_audited(actor=actor, obj=rule, data=fields)


@transaction.atomic
def deadline_set(*, key: str, value: int, actor) -> DeadlineSetting:
    require(actor, "manage", DeadlineSetting)
    if key not in deadlines.DEFAULTS:
        raise field_error("key", "未知的期限设置", "Unknown deadline setting")
    row = DeadlineSetting.objects.filter(key=key).first()
    if row is None:
        return create_audited(actor=actor, obj=DeadlineSetting(key=key, value=value))
    return update_audited(actor=actor, obj=row, data={"value": value})

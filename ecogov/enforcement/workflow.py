"""Penalty-case workflow on the core engine.

pending -> filed | not_filed; filed -> investigation -> notified (prior notice:
the right to state, defend and request a hearing) -> hearing (when requested)
-> decided (legal basis, amount within the discretion table) -> delivered ->
executed (paid) -> closed; filed/investigation/notified/hearing -> withdrawn.
A "no penalty" decision (amount 0) closes after delivery.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ecogov.core import clock
from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.workflow import Rule, Workflow

from . import deadlines
from .choices import CaseStatus as S

STAFF = frozenset({"officer", "leader", "district", "admin"})
DECIDERS = frozenset({"leader", "admin"})
#: Roles whose member becomes the handler of the case they file.
HANDLERS = frozenset({"officer"})


def handler_on_filing(case, actor):
    """Who handles a case once filed: the officer who files it; anyone else (a leader, the
    administrator) files it for the handler it already has."""
    return actor if getattr(actor, "role", None) in HANDLERS else case.handler


def deadline_config() -> dict[str, int]:
    """The legal time limits in force: the law's defaults with the bureau's settings."""
    from .models import DeadlineSetting

    return deadlines.settings(dict(DeadlineSetting.objects.values_list("key", "value")))


def _calendar():
    """The bureau's deadline settings and the one working-day calendar in force."""
    return deadline_config(), clock.calendar()


def _set(*fields):
    def apply(case, data, actor):
        for f in fields:
            if f in data:
                setattr(case, f, data[f])
    return apply


def _after(field_new: str, field_old: str, zh: str, en: str):
    def guard(case, data):
        new, old = data.get(field_new), getattr(case, field_old)
        if new is not None and old is not None and new < old:
            raise field_error(field_new, zh, en)
    return guard


def _guard_hearing(case, data) -> None:
    cfg, cal = _calendar()
    due = deadlines.hearing_request_due(case.notice_date, cfg, cal=cal)
    asked = data["hearing_request_date"]
    if asked < case.notice_date:
        raise field_error("hearing_request_date", "听证申请日期早于告知日期", "Request precedes the notice")
    if asked > due:
        raise ValidationFailed("hearing_request_late", f"听证申请已超过告知后5个工作日（截止 {due}）",
                               f"The hearing request came after the 5 working days (due {due})", detail={"due": str(due)})


def _guard_decide_without_hearing(case, data) -> None:
    if case.hearing_request_date:
        raise ValidationFailed("hearing_requested", "当事人已申请听证，须先举行听证", "A hearing was requested; hold it first")
    cfg, cal = _calendar()
    due = deadlines.hearing_request_due(case.notice_date, cfg, cal=cal)
    if data["decision_date"] <= due and not data.get("waived"):
        raise ValidationFailed("hearing_period_open", f"陈述申辩和听证申请期限至 {due}，期满前不得作出决定",
                               f"The party may still request a hearing until {due}", detail={"due": str(due)})
    _guard_decision(case, data)


def _guard_hearing_decision(case, data) -> None:
    cfg, cal = _calendar()
    latest = deadlines.hearing_notice_latest(data["hearing_date"], cfg, cal=cal)
    if data["hearing_notice_date"] > latest:
        raise ValidationFailed("hearing_notice_late", f"听证通知应不晚于 {latest}（听证7个工作日前）",
                               f"The hearing must be notified by {latest} (7 working days ahead)")
    if data["decision_date"] < data["hearing_date"]:
        raise field_error("decision_date", "决定日期早于听证日期", "Decision precedes the hearing")
    _guard_decision(case, data)


def _guard_decision(case, data) -> None:
    rule = data["discretion_rule"]
    amount = Decimal(str(data["amount"]))
    if not rule.min_amount <= amount <= rule.max_amount:
        raise field_error("amount", f"罚款应在裁量基准 {rule.min_amount}-{rule.max_amount} 元之间",
                          f"The fine must be within {rule.min_amount}-{rule.max_amount} CNY (discretion table)")
    if data["decision_date"] < case.notice_date:
        raise field_error("decision_date", "决定日期早于事先告知", "Decision precedes the prior notice")


def _apply_decision(case, data, actor) -> None:
    rule = data["discretion_rule"]
    case.amount = Decimal(str(data["amount"]))
    case.legal_basis = data.get("legal_basis") or rule.legal_basis
    case.discretion_reasoning = data.get("discretion_reasoning") or rule.reasoning
    _set("discretion_rule", "decision_date", "decision_no", "hearing_date", "hearing_notice_date")(case, data, actor)
    case.published = data.get("publish", True)


def _apply_payment(case, data, actor) -> None:
    cfg, _cal = _calendar()
    due = deadlines.payment_due(case.delivery_date, cfg)
    case.paid_date = data["paid_date"]
    case.surcharge = deadlines.late_surcharge(case.amount or Decimal(0), due, case.paid_date, cfg)
    case.paid_amount = Decimal(str(data.get("paid_amount") or (case.amount or 0) + case.surcharge))


def _guard_zero(case, data) -> None:
    if case.amount:
        raise ValidationFailed("fine_unpaid", "有罚款的案件须执行后结案", "A case with a fine closes after payment")


DECISION = ("decision_date", "decision_no", "discretion_rule", "amount")


# --- the inputs of each step (``Rule.fields``): the case page's step forms ------------------------

def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class DiscretionRuleField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} ({obj.min_amount}–{obj.max_amount})"


def _rules():
    from .models import DiscretionRule

    return DiscretionRule.objects.filter(active=True)


REASON = {"outcome_reason": forms.CharField(label=_("Reason"), max_length=500)}
DECISION_FIELDS = {
    "decision_date": _date(_("Decided on")),
    "decision_no": forms.CharField(label=_("Decision number"), max_length=100),
    "discretion_rule": DiscretionRuleField(label=_("Discretion rule"), queryset=_rules()),
    "amount": forms.DecimalField(label=_("Fine (CNY)"), max_digits=14, decimal_places=2, min_value=0),
    "discretion_reasoning": forms.CharField(label=_("Discretion reasoning"), widget=forms.Textarea(attrs={"rows": 2})),
}
WAIVED = {"waived": forms.BooleanField(label=_("Party waived statement and hearing"))}
CLOSE = {"closed_date": _date(_("Closed on"))}
HEARING_FIELDS = {"hearing_notice_date": _date(_("Hearing notified on")), "hearing_date": _date(_("Hearing on"))}
# Dates of steps already taken: never after today (a hearing may be notified ahead, the notice is not).
DONE_DATES = ("filed_date", "notice_date", "hearing_request_date", "hearing_notice_date", "decision_date",
              "delivery_date", "paid_date", "closed_date")

WORKFLOW = Workflow(
    name="penalty_case",
    states=S,
    field="status",
    initial=S.PENDING,
    terminal=frozenset({S.CLOSED, S.NOT_FILED, S.WITHDRAWN}),
    transitions={
        (S.PENDING, S.FILED): Rule(not_future=DONE_DATES, roles=STAFF, requires=("filed_date",), apply=_set("filed_date", "handler"),
                                   fields={"filed_date": _date(_("Filed on"))},
                                   guard=_after("filed_date", "opened_date", "立案日期早于线索日期",
                                                "Filing precedes the case opening"),
                                   label_zh="立案", label_en="File"),
        (S.PENDING, S.NOT_FILED): Rule(not_future=DONE_DATES, roles=STAFF, requires=("outcome_reason",), apply=_set("outcome_reason"),
                                       fields=REASON, label_zh="不予立案", label_en="Do not file"),
        (S.FILED, S.INVESTIGATION): Rule(not_future=DONE_DATES, roles=STAFF, label_zh="调查取证", label_en="Investigate"),
        (S.INVESTIGATION, S.NOTIFIED): Rule(
            roles=STAFF, requires=("notice_date",), apply=_set("notice_date"),
            fields={"notice_date": _date(_("Prior notice on"))},
            guard=_after("notice_date", "filed_date", "告知日期早于立案日期", "Notice precedes filing"),
            label_zh="事先告知（陈述、申辩、听证权利）", label_en="Prior notice (state, defend, request a hearing)"),
        (S.NOTIFIED, S.HEARING): Rule(not_future=DONE_DATES, roles=STAFF, requires=("hearing_request_date",), guard=_guard_hearing,
                                      apply=_set("hearing_request_date"), label_zh="当事人申请听证",
                                      fields={"hearing_request_date": _date(_("Hearing requested on"))},
                                      label_en="Hearing requested"),
        (S.NOTIFIED, S.DECIDED): Rule(not_future=DONE_DATES, roles=DECIDERS, requires=DECISION, guard=_guard_decide_without_hearing,
                                      apply=_apply_decision, fields={**DECISION_FIELDS, **WAIVED}, label_zh="作出处罚决定", label_en="Decide"),
        (S.HEARING, S.DECIDED): Rule(not_future=DONE_DATES, roles=DECIDERS, requires=(*DECISION, "hearing_date", "hearing_notice_date"),
                                     guard=_guard_hearing_decision, apply=_apply_decision,
                                     fields={**DECISION_FIELDS, **HEARING_FIELDS},
                                     label_zh="听证后作出决定", label_en="Decide after the hearing"),
        (S.DECIDED, S.DELIVERED): Rule(not_future=DONE_DATES, roles=STAFF, requires=("delivery_date",), apply=_set("delivery_date"),
                                       fields={"delivery_date": _date(_("Delivered on"))},
                                       guard=_after("delivery_date", "decision_date", "送达日期早于决定日期",
                                                    "Delivery precedes the decision"),
                                       label_zh="送达", label_en="Deliver"),
        (S.DELIVERED, S.EXECUTED): Rule(not_future=DONE_DATES, roles=STAFF, requires=("paid_date",), apply=_apply_payment,
                                        fields={"paid_date": _date(_("Paid on"))},
                                        guard=_after("paid_date", "delivery_date", "缴款日期早于送达日期",
                                                     "Payment precedes delivery"),
                                        label_zh="执行（缴纳罚款）", label_en="Executed (fine paid)"),
        (S.DELIVERED, S.CLOSED): Rule(not_future=DONE_DATES, roles=STAFF, requires=("closed_date",), guard=_guard_zero,
                                      apply=_set("closed_date"), fields=CLOSE, label_zh="结案（不予处罚）",
                                      label_en="Close (no fine)"),
        (S.EXECUTED, S.CLOSED): Rule(not_future=DONE_DATES, roles=STAFF, requires=("closed_date",), apply=_set("closed_date"),
                                     fields=CLOSE, label_zh="结案", label_en="Close"),
        **{(old, S.WITHDRAWN): Rule(not_future=DONE_DATES, roles=DECIDERS, requires=("outcome_reason",), apply=_set("outcome_reason"),
                                    fields=REASON, label_zh="撤销立案", label_en="Withdraw")
           for old in (S.FILED, S.INVESTIGATION, S.NOTIFIED, S.HEARING)},
    },
)

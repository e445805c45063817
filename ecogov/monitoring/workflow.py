"""Heavy-pollution warning workflow: draft -> issued -> (adjusted) -> lifted.

Issued, adjusted and lifted only by a bureau leader or an administrator; each
move is audited by the core workflow engine in the same transaction.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ecogov.core.errors import ValidationFailed
from ecogov.core.workflow import Rule, Workflow

from .choices import WarningLevel, WarningStatus

AUTHORISED = frozenset({"leader", "admin"})

#: what adjusting an issued warning asks for (``Workflow.steps`` turns it into the step's form)
ADJUST_FIELDS = {
    "level": forms.ChoiceField(label=gettext_lazy("Level"), choices=WarningLevel.choices()),
    "reason": forms.CharField(label=gettext_lazy("Reason"), required=False, widget=forms.TextInput(
        attrs={"placeholder": gettext_lazy("Reason")})),
}


def _check_level(obj, data) -> None:
    level = data.get("level", obj.level)
    if level not in WarningLevel.values():
        raise ValidationFailed("bad_level", f"预警级别无效：{level}", f"Unknown warning level: {level}")


def _issue(obj, data, actor) -> None:
    obj.level = data.get("level", obj.level)
    obj.issued_at = timezone.now()


def _adjust(obj, data, actor) -> None:
    obj.level = data["level"]
    if data.get("reason"):
        obj.reason = data["reason"]


def _lift(obj, data, actor) -> None:
    obj.lifted_at = timezone.now()
    obj.end = obj.lifted_at


WARNING_WORKFLOW = Workflow(
    name="pollution_warning",
    states=WarningStatus,
    field="status",
    initial=WarningStatus.DRAFT,
    terminal=frozenset({WarningStatus.LIFTED}),
    transitions={
        (WarningStatus.DRAFT, WarningStatus.ISSUED): Rule(
            roles=AUTHORISED, guard=_check_level, apply=_issue, label_zh="发布预警", label_en="Issue"
        ),
        (WarningStatus.ISSUED, WarningStatus.ISSUED): Rule(
            roles=AUTHORISED, requires=("level",), guard=_check_level, apply=_adjust,
            label_zh="调整级别", label_en="Adjust level", fields=ADJUST_FIELDS,
        ),
        (WarningStatus.ISSUED, WarningStatus.LIFTED): Rule(
            roles=AUTHORISED, apply=_lift, label_zh="解除预警", label_en="Lift"
        ),
    },
)

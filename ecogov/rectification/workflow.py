"""The item workflow on the core engine (one transition table):

assigned (下派) -> accepted (签收) -> rectifying -> submitted (销号申请, evidence required)
-> reviewed (初审, by the bureau) -> rechecked (现场复核, by someone neither the owner nor of the
responsible unit) -> publicised (公示, N working days) -> closed (销号).
Review or re-check may return the item (returned -> rectifying); an objection during the
public notice, or a relapse found at a follow-up check (回头看), reopens it (-> rectifying),
the history kept. An item cannot close while one of its tasks is open.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils import timezone

from ecogov.core.attachments import DOCUMENTS, attach_files, attachments_of, check_files
from ecogov.core.clock import add_working_days
from ecogov.core.errors import Conflict, DomainError, ValidationFailed
from ecogov.core.notifications import notify
from ecogov.core.permissions import require_object
from ecogov.core.workflow import Rule, Workflow

from .choices import ItemState as S
from .choices import RectificationStatus
from .models import RectificationItem
from .policy import policy
from .services import open_children

STAFF = frozenset({"admin", "leader", "officer", "district", "street"})
BUREAU = frozenset({"admin", "leader", "officer"})
RECHECKERS = frozenset({"admin", "leader", "officer", "district"})

NOTE = {"note": forms.CharField(label="说明 Note", widget=forms.Textarea(attrs={"rows": 2}))}
REASON = {"reason": forms.CharField(label="理由 Reason", widget=forms.Textarea(attrs={"rows": 2}))}


def _evidence(obj, data):
    if not attachments_of(obj).exists():
        raise ValidationFailed("evidence_required", "申请销号须附整改佐证材料", "Evidence must be attached to apply for close-out",
                               detail={"field": "evidence", "errors": {"evidence": {
                                   "zh": "请上传整改佐证材料", "en": "attach the evidence"}}})


def _independent(obj, data):
    """The re-checker is neither the owner nor anyone of the responsible unit."""
    actor = data.get("actor")
    if actor is None:
        return
    own = obj.owner_id is not None and obj.owner_id == actor.pk
    dept = obj.department_id is not None and obj.department_id == getattr(actor, "department_id", None)
    area = obj.jurisdiction is not None and actor.jurisdiction is not None and \
        actor.jurisdiction.path.startswith(obj.jurisdiction.path)
    if own or dept or area:
        raise DomainError("recheck_not_independent",
                          "现场复核须由责任单位以外的人员进行（不能是责任人或责任单位人员）",
                          "The on-site re-check must be made by someone who is neither the owner nor of the "
                          "responsible unit", detail={"owner": own, "department": dept, "area": area}, status=403)


def _no_open_child(obj, data):
    open_children(obj)


def _publicity_over(obj, data):
    _no_open_child(obj, data)
    today = timezone.localdate()
    if obj.publicity_until and today <= obj.publicity_until:
        raise Conflict("in_public_notice", f"公示期至{obj.publicity_until}，期满后方可销号",
                       f"The public notice runs until {obj.publicity_until}", detail={"until": str(obj.publicity_until)})


def _submit(obj, data, actor):
    obj.progress = 100


def _review(obj, data, actor):
    obj.reviewed_by = actor


def _recheck(obj, data, actor):
    obj.rechecked_by, obj.recheck_note = actor, data["note"]


def _return(obj, data, actor):
    obj.return_reason = data["reason"]
    obj.progress = min(obj.progress, 90)


def _publicise(obj, data, actor):
    """The notice runs for the next N working days (N = 0: no notice period, the item may close at once)."""
    days = policy()["publicity_days"]
    obj.publicity_until = add_working_days(timezone.localdate(), days) if days > 0 else None


def _close(obj, data, actor):
    obj.closed_date, obj.status, obj.progress = timezone.localdate(), RectificationStatus.DONE, 100
    obj.sustained = bool(data.get("sustained"))


def _reopen(obj, data, actor):
    obj.return_reason, obj.closed_date, obj.publicity_until = data["reason"], None, None
    obj.status, obj.progress = RectificationStatus.OPEN, min(obj.progress, 90)


def _tell_owner(obj, actor):
    if obj.owner_id:
        notify(recipient=obj.owner, subject=f"整改事项{obj.state_label}：{obj.problem[:40]}", body=obj.return_reason,
               obj=obj)


def _tell_supervisor(obj, actor):
    if obj.supervisor_id:
        notify(recipient=obj.supervisor, subject=f"整改事项申请销号：{obj.problem[:40]}", obj=obj)


WORKFLOW = Workflow(
    name="rectification",
    states=S,
    field="state",
    initial=S.ASSIGNED,
    terminal=frozenset({S.CLOSED}),
    transitions={
        (S.ASSIGNED, S.ACCEPTED): Rule(roles=STAFF, label_zh="签收", label_en="Accept"),
        (S.ACCEPTED, S.RECTIFYING): Rule(roles=STAFF, label_zh="开始整改", label_en="Start rectifying"),
        (S.RECTIFYING, S.SUBMITTED): Rule(
            roles=STAFF, requires=("note",), guard=_evidence, apply=_submit, after_commit=(_tell_supervisor,),
            label_zh="申请销号", label_en="Apply for close-out",
            fields={**NOTE, "evidence": forms.FileField(label="佐证材料 Evidence", required=False)}),
        (S.SUBMITTED, S.REVIEWED): Rule(roles=BUREAU, apply=_review, label_zh="初审通过", label_en="Pass review",
                                        fields={"note": NOTE["note"]}),
        (S.SUBMITTED, S.RETURNED): Rule(roles=BUREAU, requires=("reason",), apply=_return, fields=REASON,
                                        after_commit=(_tell_owner,), label_zh="初审退回", label_en="Return at review"),
        (S.REVIEWED, S.RECHECKED): Rule(roles=RECHECKERS, requires=("note",), guard=_independent, apply=_recheck,
                                        fields=NOTE, label_zh="现场复核通过", label_en="Pass the on-site re-check"),
        (S.REVIEWED, S.RETURNED): Rule(roles=RECHECKERS, requires=("reason",), guard=_independent, apply=_return,
                                       fields=REASON, after_commit=(_tell_owner,), label_zh="复核退回",
                                       label_en="Return at re-check"),
        (S.RECHECKED, S.PUBLICISED): Rule(roles=BUREAU, guard=_no_open_child, apply=_publicise,
                                          label_zh="公示", label_en="Start the public notice"),
        (S.PUBLICISED, S.CLOSED): Rule(roles=BUREAU, guard=_publicity_over, apply=_close, after_commit=(_tell_owner,),
                                       fields={"sustained": forms.BooleanField(label="长期坚持 To be sustained")},
                                       label_zh="销号", label_en="Close out"),
        (S.PUBLICISED, S.RECTIFYING): Rule(roles=BUREAU, requires=("reason",), apply=_reopen, fields=REASON,
                                           after_commit=(_tell_owner,), label_zh="公示异议成立，重新整改",
                                           label_en="Objection upheld: reopen"),
        (S.RETURNED, S.RECTIFYING): Rule(roles=STAFF, label_zh="重新整改", label_en="Resume rectifying"),
        (S.CLOSED, S.RECTIFYING): Rule(roles=BUREAU, requires=("reason",), apply=_reopen, fields=REASON,
                                       after_commit=(_tell_owner,), label_zh="回头看发现反弹，重新整改",
                                       label_en="Relapse at follow-up: reopen"),
    },
)


@transaction.atomic
def item_transition(*, item: RectificationItem, to: str, actor, data: dict | None = None,
                    files=()) -> RectificationItem:
    """Move ``item`` to ``to`` (evidence files are attached first); recompute its tree's plan."""
    from .services_daily import plan_refresh

    require_object(actor, item, "change")
    data = {k: v for k, v in (data or {}).items() if k not in ("evidence", "actor")}
    if files:
        check_files(files, DOCUMENTS)
        attach_files(item, files, actor)
    item = WORKFLOW.transition(item, to, actor=actor, data={**data, "actor": actor},
                               note=data.get("note") or data.get("reason", ""))
    plan_refresh(item=item, day=timezone.localdate())
    return item

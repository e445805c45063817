"""The complaint workflow on the core engine (one transition table) and the
notices its moves send to the reporter after commit.

received -> accepted | not_accepted | merged
accepted -> assigned -> investigating -> handled -> reviewed -> closed
handled -> investigating (review sends it back); accepted/assigned/investigating -> accepted (internal referral)
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core.errors import ValidationFailed
from ecogov.core.models import Department, Jurisdiction, User
from ecogov.core.notifications import notify
from ecogov.core.workflow import Rule, Workflow

from . import deadlines
from .choices import ComplaintStatus as S
from .choices import Outcome, Satisfaction
from .models import Complaint
from .routing import policy_for

STAFF = frozenset({"admin", "leader", "officer", "district", "street"})
DECIDERS = frozenset({"admin", "leader", "officer", "district"})
REVIEWERS = frozenset({"admin", "leader", "district"})


def _local_date(value):
    return timezone.localdate(value) if value is not None else timezone.localdate()


def _policy(obj):
    return policy_for(obj.jurisdiction)


def _accept(obj, data, actor):
    obj.accepted_at = data.get("at") or timezone.now()
    obj.finish_due = deadlines.finish_due(_local_date(obj.accepted_at), _policy(obj).limits, obj.extension_days)


def _not_accept(obj, data, actor):
    obj.not_accepted_reason = data["not_accepted_reason"]
    obj.redirect_body = data["redirect_body"]
    obj.closed_at = data.get("at") or timezone.now()


def _assign(obj, data, actor):
    obj.assignee = data["assignee"]


def _handle(obj, data, actor):
    if data["outcome"] not in Outcome.values():
        raise ValidationFailed("bad_outcome", "处理结论无效", "Unknown outcome", detail={"outcome": data["outcome"]})
    obj.findings, obj.measures, obj.outcome = data["findings"], data["measures"], data["outcome"]
    obj.handled_at = data.get("at") or timezone.now()


def _review(obj, data, actor):
    obj.review_note = data.get("review_note", "")
    obj.reviewed_by = actor


def _send_back(obj, data, actor):
    obj.review_note = data["review_note"]


def _close(obj, data, actor):
    if data.get("satisfaction") and data["satisfaction"] not in Satisfaction.values():
        raise ValidationFailed("bad_satisfaction", "满意度无效", "Unknown satisfaction rating")
    obj.reply = data["reply"]
    obj.satisfaction = data.get("satisfaction", "") or obj.satisfaction
    obj.closed_at = data.get("at") or timezone.now()


def _refer_guard(obj, data):
    if not data.get("department") and not data.get("jurisdiction"):
        raise ValidationFailed(
            "missing_fields", "转办需要指定承办部门或属地", "A referral needs a department or a jurisdiction",
            detail={"missing": ["department", "jurisdiction"]},
        )


def _refer(obj, data, actor):
    if data.get("department"):
        obj.department = data["department"]
    if data.get("jurisdiction"):
        obj.jurisdiction = data["jurisdiction"]
    obj.assignee = None


def _merge_guard(obj, data):
    target = data["merged_into"]
    if target.pk == obj.pk or target.status not in {S.RECEIVED, S.ACCEPTED, S.ASSIGNED, S.INVESTIGATING}:
        raise ValidationFailed("bad_merge_target", "只能合并到另一件在办的投诉", "Merge into another open complaint only")


def _merge(obj, data, actor):
    obj.merged_into = data["merged_into"]
    obj.closed_at = timezone.now()


# --- notifications to reporters (always after commit, through core.notifications) ---------------

MESSAGES = {
    "accepted": ("您的投诉 {code} 已受理", "您反映的问题已受理，我们将在 {due} 前办结。可凭查询码 {code} 查询进度。"),
    "not_accepted": ("您的投诉 {code} 不予受理", "该事项不属于本局职责范围，请向{body}反映。原因：{reason}"),
    "extended": ("您的投诉 {code} 办理期限延长", "因{extra}，办理期限延长至 {due}。"),
    "closed": ("您的投诉 {code} 已办结", "办理结果：{reply}"),
}


def reporter_address(c: Complaint) -> str:
    return "" if c.anonymous else (c.reporter_email or c.reporter_phone)


def notify_reporter(c: Complaint, event: str, extra: str = "", result_of: Complaint | None = None) -> None:
    """Tell the reporter (if reachable) about ``event``; ``result_of`` gives the result for merged complaints."""
    address = reporter_address(c)
    if not address:
        return
    source = result_of or c
    subject, body = MESSAGES[event]
    fmt = dict(code=c.tracking_code, due=source.finish_due or "", body=c.redirect_body, reason=c.not_accepted_reason,
               extra=extra, reply=source.reply)
    notify(address=address, subject=subject.format(**fmt), body=body.format(**fmt), obj=c)


def notify_closed(c: Complaint) -> None:
    """The result goes to the reporter and to every reporter of a complaint merged into this one."""
    with transaction.atomic():
        notify_reporter(c, "closed")
        for merged in Complaint.objects.filter(merged_into=c):
            notify_reporter(merged, "closed", result_of=c)


def _after_accept(obj, actor):
    notify_reporter(obj, "accepted")


def _after_not_accept(obj, actor):
    notify_reporter(obj, "not_accepted")


def _after_assign(obj, actor):
    notify(recipient=obj.assignee, subject=f"投诉 {obj.tracking_code} 已交办给您", body=obj.description[:500], obj=obj)


def _after_close(obj, actor):
    notify_closed(obj)


# --- the inputs of each step (``Rule.fields``): the complaint page's forms and the API's parsing ------


class ComplaintCodeField(forms.CharField):
    """A tracking code, cleaned to the complaint it names inside ``queryset`` (narrowed to the user)."""

    queryset = Complaint.objects.none()

    def clean(self, value):
        code = (super().clean(value) or "").strip().upper()
        if not code:
            return None
        found = self.queryset.filter(tracking_code=code).first()
        if found is None:
            raise forms.ValidationError(_("No complaint with this tracking code in your scope."))
        return found


def _text(label, rows=0, max_length=5000):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, widget=widget)


NOTE = {"note": _text(_("Note"), max_length=500)}
REFER_FIELDS = {
    "department": forms.ModelChoiceField(label=_("Refer to department"), queryset=Department.objects.all()),
    "jurisdiction": forms.ModelChoiceField(label=_("Refer to jurisdiction"), queryset=Jurisdiction.objects.none()),
    **NOTE,
}
REVIEW_FIELDS = {"review_note": _text(_("Review note"), rows=3)}

REFER = dict(roles=DECIDERS, guard=_refer_guard, apply=_refer, label_zh="转办", label_en="Refer", fields=REFER_FIELDS)
MERGE = dict(roles=DECIDERS, requires=("merged_into",), guard=_merge_guard, apply=_merge,
             label_zh="合并", label_en="Merge",
             fields={"merged_into": ComplaintCodeField(label=_("Merge into (tracking code)"), max_length=20)})

WORKFLOW = Workflow(
    name="complaint",
    states=S,
    field="status",
    initial=S.RECEIVED,
    terminal=frozenset({S.CLOSED, S.NOT_ACCEPTED, S.MERGED}),
    transitions={
        (S.RECEIVED, S.ACCEPTED): Rule(roles=DECIDERS, apply=_accept, after_commit=(_after_accept,),
                                       label_zh="受理", label_en="Accept", fields=NOTE),
        (S.RECEIVED, S.NOT_ACCEPTED): Rule(
            roles=DECIDERS, requires=("not_accepted_reason", "redirect_body"), apply=_not_accept,
            after_commit=(_after_not_accept,), label_zh="不予受理", label_en="Not accept",
            fields={"not_accepted_reason": _text(_("Reason"), rows=3),
                    "redirect_body": _text(_("Body the reporter should go to"), max_length=200)}),
        (S.RECEIVED, S.MERGED): Rule(**MERGE),
        (S.ACCEPTED, S.MERGED): Rule(**MERGE),
        (S.ASSIGNED, S.MERGED): Rule(**MERGE),
        (S.ACCEPTED, S.ASSIGNED): Rule(
            roles=DECIDERS, requires=("assignee",), apply=_assign, after_commit=(_after_assign,),
            label_zh="交办", label_en="Assign",
            fields={"assignee": forms.ModelChoiceField(label=_("Assignee"), queryset=User.objects.none()), **NOTE}),
        (S.ACCEPTED, S.ACCEPTED): Rule(**REFER),
        (S.ASSIGNED, S.ACCEPTED): Rule(**REFER),
        (S.INVESTIGATING, S.ACCEPTED): Rule(**REFER),
        (S.ASSIGNED, S.INVESTIGATING): Rule(roles=STAFF, label_zh="开始调查", label_en="Start investigation",
                                            fields=NOTE),
        (S.INVESTIGATING, S.HANDLED): Rule(
            roles=STAFF, requires=("findings", "measures", "outcome"), apply=_handle,
            label_zh="办结", label_en="Record result",
            fields={"findings": _text(_("Findings"), rows=3), "measures": _text(_("Measures"), rows=3),
                    "outcome": forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices())}),
        (S.HANDLED, S.REVIEWED): Rule(roles=REVIEWERS, apply=_review, label_zh="审核通过", label_en="Approve",
                                      fields=REVIEW_FIELDS),
        (S.HANDLED, S.INVESTIGATING): Rule(roles=REVIEWERS, requires=("review_note",), apply=_send_back,
                                           label_zh="退回重办", label_en="Send back", fields=REVIEW_FIELDS),
        (S.REVIEWED, S.CLOSED): Rule(
            roles=DECIDERS, requires=("reply",), apply=_close, after_commit=(_after_close,),
            label_zh="答复并办结", label_en="Reply and close",
            fields={"reply": _text(_("Reply to the reporter"), rows=3),
                    "satisfaction": forms.ChoiceField(label=_("Satisfaction"),
                                                      choices=[("", "---")] + Satisfaction.choices())}),
    },
)

"""Workflow buttons of the complaint page: the allowed moves with the inputs each
needs, and the parsing of a submitted move into the engine's ``data`` (ids are
resolved inside the user's scope)."""

from __future__ import annotations

from django.utils.translation import get_language

from ecogov.core.errors import field_error
from ecogov.core.models import Department, Jurisdiction, User

from .choices import ComplaintStatus as S
from .choices import Outcome, Satisfaction
from .models import Complaint
from .workflow import WORKFLOW

# field name -> (zh label, en label, input type)
FIELDS = {
    "note": ("说明", "Note", "text"),
    "not_accepted_reason": ("不予受理理由", "Reason", "textarea"),
    "redirect_body": ("告知投诉人向哪个部门反映", "Body the reporter should go to", "text"),
    "assignee": ("承办人", "Assignee", "user"),
    "findings": ("调查情况", "Findings", "textarea"),
    "measures": ("处理措施", "Measures", "textarea"),
    "outcome": ("结论", "Outcome", "outcome"),
    "review_note": ("审核意见", "Review note", "textarea"),
    "reply": ("答复投诉人", "Reply to the reporter", "textarea"),
    "satisfaction": ("满意度", "Satisfaction", "satisfaction"),
    "department": ("转办至部门", "Refer to department", "department"),
    "jurisdiction": ("转办至属地", "Refer to jurisdiction", "jurisdiction"),
    "merged_into": ("合并到（查询码）", "Merge into (tracking code)", "text"),
}

# (old, new) -> inputs shown (the rule's ``requires`` are marked required)
INPUTS = {
    (S.RECEIVED, S.ACCEPTED): ["note"],
    (S.RECEIVED, S.NOT_ACCEPTED): ["not_accepted_reason", "redirect_body"],
    (S.ACCEPTED, S.ASSIGNED): ["assignee", "note"],
    (S.INVESTIGATING, S.HANDLED): ["findings", "measures", "outcome"],
    (S.HANDLED, S.REVIEWED): ["review_note"],
    (S.HANDLED, S.INVESTIGATING): ["review_note"],
    (S.REVIEWED, S.CLOSED): ["reply", "satisfaction"],
    (S.ACCEPTED, S.ACCEPTED): ["department", "jurisdiction", "note"],
    (S.ASSIGNED, S.ACCEPTED): ["department", "jurisdiction", "note"],
    (S.INVESTIGATING, S.ACCEPTED): ["department", "jurisdiction", "note"],
}


def _choices(kind: str, user) -> list[tuple[str, str]]:
    if kind == "user":
        return [(str(u.pk), f"{u} · {u.role_label}") for u in
                User.objects.for_user(user).filter(is_active=True).exclude(role="enterprise")[:300]]
    if kind == "department":
        return [("", "---")] + [(str(d.pk), d.name) for d in Department.objects.all()]
    if kind == "jurisdiction":
        return [("", "---")] + [(str(j.pk), j.name) for j in Jurisdiction.objects.for_user(user)]
    if kind == "outcome":
        return [(v, Outcome.label(v)) for v in Outcome.values()]
    if kind == "satisfaction":
        return [("", "---")] + [(v, Satisfaction.label(v)) for v in Satisfaction.values()]
    return []


def available(c: Complaint, user) -> list[dict]:
    """The moves ``user`` may make now, each with its inputs (for the buttons of the complaint page)."""
    en = (get_language() or "").startswith("en")
    out = []
    for new in WORKFLOW.allowed(c, user):
        rule = WORKFLOW.transitions[(c.status, new)]
        names = INPUTS.get((c.status, new), ["merged_into"] if new == S.MERGED else ["note"])
        fields = []
        for name in names:
            zh, en_label, kind = FIELDS[name]
            fields.append({"name": name, "label": en_label if en else zh, "kind": kind,
                           "required": name in rule.requires, "choices": _choices(kind, user)})
        out.append({"to": new, "label": rule.label_en if en else rule.label_zh, "fields": fields,
                    "key": f"{c.status}-{new}"})
    return out


def parse(user, complaint: Complaint, to: str, post) -> dict:
    """Turn the submitted form into the engine's ``data`` (objects loaded within ``user``'s scope)."""
    data: dict = {}
    for name in set(INPUTS.get((complaint.status, to), [])) | {"note", "merged_into"}:
        raw = (post.get(name) or "").strip()
        if not raw:
            continue
        if name == "assignee":
            data[name] = User.objects.for_user(user).filter(pk=raw).first() or _bad(name)
        elif name == "department":
            data[name] = Department.objects.filter(pk=raw).first() or _bad(name)
        elif name == "jurisdiction":
            data[name] = Jurisdiction.objects.for_user(user).filter(pk=raw).first() or _bad(name)
        elif name == "merged_into":
            data[name] = Complaint.objects.for_user(user, "change").filter(tracking_code=raw.upper()).first() or _bad(name)
        else:
            data[name] = raw
    return data


def _bad(name: str):
    raise field_error(name, "所选对象不存在或无权访问", "not found or out of your scope")

"""Forms of the public intake, staff intake, the category tree and workflow
steps: the moves a user may make now with the inputs each needs, and the
parsing of a submitted move into the engine's ``data`` (ids are resolved
inside the user's scope)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ecogov.core.errors import field_error
from ecogov.core.models import Department, Jurisdiction, User

from . import selectors
from .choices import Channel, Outcome, Satisfaction
from .choices import ComplaintStatus as S
from .models import Complaint, ComplaintCategory
from .services import CATEGORY_FIELDS
from .workflow import WORKFLOW

PHONE_RE = re.compile(r"^[0-9+\- ]{7,20}$")


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class PublicComplaintForm(forms.Form):
    category = CategoryChoiceField(label=_("Category"), queryset=None, empty_label=_("Choose a category"))
    description = forms.CharField(label=_("What is the problem?"), max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    address = forms.CharField(label=_("Address or landmark"), max_length=300, required=False)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    datum = forms.ChoiceField(choices=[("wgs84", "WGS-84"), ("gcj02", "GCJ-02")], initial="wgs84",
                              widget=forms.HiddenInput, required=False)
    anonymous = forms.BooleanField(label=_("Report anonymously"), required=False)
    reporter_name = forms.CharField(label=_("Your name"), max_length=60, required=False)
    reporter_phone = forms.CharField(label=_("Phone for feedback"), max_length=20, required=False)
    reporter_email = forms.EmailField(label=_("E-mail for feedback"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.categories().exclude(children__active=True)

    def clean(self):
        data = super().clean()
        if data.get("lon") is None and not (data.get("address") or "").strip():
            raise forms.ValidationError(_("Pick the location on the map or give an address."))
        if not data.get("anonymous"):
            if not (data.get("reporter_name") or "").strip():
                self.add_error("reporter_name", _("Give your name, or tick 'Report anonymously'."))
            phone = (data.get("reporter_phone") or "").strip()
            if not phone and not data.get("reporter_email"):
                self.add_error("reporter_phone", _("Give a phone number or an e-mail so that we can reply."))
            elif phone and not PHONE_RE.match(phone):
                self.add_error("reporter_phone", _("Enter a valid phone number."))
        return data


class StaffComplaintForm(PublicComplaintForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=[c for c in Channel.choices() if c[0] != "open311"])
    jurisdiction = forms.ModelChoiceField(label=_("Jurisdiction (when there is no map point)"), queryset=None,
                                          required=False)
    reporter_id_number = forms.CharField(label=_("ID number"), max_length=30, required=False)
    transferred_from = forms.CharField(label=_("Transferred from"), max_length=100, required=False)
    source_ref = forms.CharField(label=_("Reference number"), max_length=100, required=False)
    received_at = forms.DateTimeField(label=_("Received at"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    accept_now = forms.BooleanField(label=_("Accepted on the spot (tell the caller now)"), required=False)

    field_order = ["channel", "received_at", "category", "description", "address", "jurisdiction"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.for_user(user)

    def clean(self):
        data = forms.Form.clean(self)
        if data.get("lon") is None and not (data.get("address") or "").strip() and not data.get("jurisdiction"):
            raise forms.ValidationError(_("Pick the location on the map, or give an address or a jurisdiction."))
        if data.get("channel") == Channel.TRANSFER and not (data.get("transferred_from") or "").strip():
            self.add_error("transferred_from", _("Name the authority that transferred the complaint."))
        return data


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)


OUTCOME_CHOICES = Outcome.choices()
SATISFACTION_CHOICES = [("", "---")] + Satisfaction.choices()


class CategoryForm(forms.ModelForm):
    class Meta:
        model = ComplaintCategory
        fields = list(CATEGORY_FIELDS)


# --- workflow buttons of the complaint page --------------------------------------------------------

# field name -> (zh label, en label, input type)
MOVE_FIELDS = {
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
MOVE_INPUTS = {
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


def _move_choices(kind: str, user) -> list[tuple[str, str]]:
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


def move_buttons(c: Complaint, user) -> list[dict]:
    """The moves ``user`` may make now, each with its inputs (for the buttons of the complaint page)."""
    en = (get_language() or "").startswith("en")
    out = []
    for new in WORKFLOW.allowed(c, user):
        rule = WORKFLOW.transitions[(c.status, new)]
        names = MOVE_INPUTS.get((c.status, new), ["merged_into"] if new == S.MERGED else ["note"])
        fields = []
        for name in names:
            zh, en_label, kind = MOVE_FIELDS[name]
            fields.append({"name": name, "label": en_label if en else zh, "kind": kind,
                           "required": name in rule.requires, "choices": _move_choices(kind, user)})
        out.append({"to": new, "label": rule.label_en if en else rule.label_zh, "fields": fields,
                    "key": f"{c.status}-{new}"})
    return out


def parse_move(user, complaint: Complaint, to: str, post) -> dict:
    """Turn the submitted move into the engine's ``data`` (objects loaded within ``user``'s scope)."""
    data: dict = {}
    for name in set(MOVE_INPUTS.get((complaint.status, to), [])) | {"note", "merged_into"}:
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

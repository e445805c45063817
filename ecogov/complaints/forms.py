"""Forms of the public intake, staff intake, the category tree, the complaint
page (extension, decision, rating, reveal, penalty case) and the workflow's
steps: each step's form comes from its rule's ``fields`` with its choices
narrowed to the user's scope, and parses a submitted move into the engine's
``data``."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from ecogov.core.errors import ValidationFailed
from ecogov.core.models import Jurisdiction, User

from . import selectors
from .choices import Channel, Satisfaction
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


class CategoryForm(forms.ModelForm):
    class Meta:
        model = ComplaintCategory
        fields = list(CATEGORY_FIELDS)


# --- the forms of the complaint page (besides the workflow's steps) ---------------------------------

class ExtensionForm(forms.Form):
    """An extension request; ``max_days`` is what the jurisdiction's policy still allows."""

    days = forms.IntegerField(min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, max_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].max_value = max_days
        self.fields["days"].validators.append(MaxValueValidator(max_days))
        self.fields["days"].widget.attrs.update({"min": 1, "max": max_days})
        self.fields["days"].label = _("Days (at most %(n)s more)") % {"n": max_days}


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("Satisfaction"), choices=Satisfaction.choices())


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("Why do you need the reporter's identity?"), max_length=200)


class PenaltyCaseForm(forms.Form):
    uscc = forms.CharField(label=_("Unified social credit code of the party"), max_length=18)
    facts = forms.CharField(label=_("Facts of the violation"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 2}))


# --- workflow steps: the rule's fields as forms, narrowed to the user's scope ------------------------

def _narrow(form: forms.Form, user) -> forms.Form:
    """Choices of a step's form inside ``user``'s scope (assignees, jurisdictions, merge targets)."""
    fields = form.fields
    if "assignee" in fields:
        fields["assignee"].queryset = User.objects.for_user(user).filter(is_active=True).exclude(role="enterprise")
    if "jurisdiction" in fields:
        fields["jurisdiction"].queryset = Jurisdiction.objects.for_user(user)
    if "merged_into" in fields:
        fields["merged_into"].queryset = Complaint.objects.for_user(user, "change")
    return form


def step_forms(c: Complaint, user) -> list[dict]:
    """The moves ``user`` may make now, each with its label and form (the buttons of the complaint page)."""
    return [{"step": step, "key": f"{c.status}-{step.to}",
             "form": _narrow(step.form(prefix=None, auto_id=f"id_{step.to}_%s"), user)}
            for step in WORKFLOW.steps(c, user)]


def step_data(user, c: Complaint, to: str, post) -> dict:
    """The engine's ``data`` for the move to ``to`` from a submitted step form (page or API).

    A move the user may not make now gets no data: the workflow itself then refuses it with its reason.
    """
    step = WORKFLOW.step(c, to, user)
    if step is None:
        return {}
    form = _narrow(step.form(post, prefix=None), user)
    if not form.is_valid():
        errors = {k: " ".join(v) for k, v in form.errors.items()}
        text = "; ".join(f"{form.fields[k].label if k in form.fields else k}: {v}" for k, v in errors.items())
        raise ValidationFailed("bad_step_input", f"填写有误：{text}", f"Invalid input: {text}",
                               detail={"field": next(iter(errors)), "errors": errors})
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}

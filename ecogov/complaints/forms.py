"""Forms of the public intake, staff intake and workflow steps."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ecogov.core.models import Jurisdiction

from . import selectors
from .choices import Channel, Outcome, Satisfaction

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

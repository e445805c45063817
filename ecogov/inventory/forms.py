"""Inventory forms: a patrol check and the Excel upload."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CheckOutcome, CoverState, DustLevel


class CheckForm(forms.Form):
    date = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CheckOutcome.choices())
    findings = forms.CharField(label=_("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    dust_level = forms.ChoiceField(label=_("Dust level seen"), required=False,
                                   choices=[("", "—"), *DustLevel.choices()])
    cover_state = forms.ChoiceField(label=_("Cover state seen"), required=False,
                                    choices=[("", "—"), *CoverState.choices()])
    raise_ledger = forms.BooleanField(label=_("Raise a rectification ledger item for the problem"), required=False)


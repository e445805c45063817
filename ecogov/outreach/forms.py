"""The form of a new open day."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Facility


class EventForm(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=200)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = selectors.facilities_for(user)


def attendance_data(post) -> dict[int, int]:
    """``{registration id: people who came}`` from the attendance form (``reg-<id>`` inputs)."""
    out = {}
    for key, value in post.items():
        if key.startswith("reg-") and key[4:].isdigit():
            out[int(key[4:])] = int(value) if str(value).strip().isdigit() else 0
    return out

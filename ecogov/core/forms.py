"""Core forms: a change to the working-day calendar, the due page's filter."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import contrib


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    workday = forms.TypedChoiceField(
        label=_("Kind"), coerce=lambda v: v == "1",
        choices=[("0", _("Day off")), ("1", _("Working day"))],
    )
    name = forms.CharField(label=_("Name"), max_length=40)


def _kinds():
    return [("", _("All kinds"))] + [(s.key, s.label) for s in contrib.clock_sources]


class FlagInput(forms.CheckboxInput):
    """A checkbox sent as ``name=1``: only "1" (or "true", "on") turns it on, so ``?mine=0`` is off."""

    def __init__(self, attrs=None):
        super().__init__({"value": "1", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).lower() in ("1", "true", "on")


class DueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_kinds)
    days = forms.IntegerField(label=_("Due within (days)"), required=False, min_value=0, max_value=90, initial=7)
    mine = forms.BooleanField(label=_("Mine only"), required=False, widget=FlagInput)


class ThrottledLoginForm(AuthenticationForm):
    """The login form: a locked account or address is told so (and why) before any password check."""

    def clean(self):
        from . import throttle

        try:
            throttle.refuse_if_locked(self.cleaned_data.get("username"), throttle.client_address(self.request))
        except throttle.LockedOut as exc:
            raise forms.ValidationError(exc.message, code="locked_out") from exc
        return super().clean()


class ImportForm(forms.Form):
    """The one field of every .xlsx import page (``pages.import_page``)."""

    file = forms.FileField(label=_("Excel file (.xlsx)"))


class CodeForm(forms.Form):
    """A 6-digit code of the authenticator app."""

    code = forms.CharField(label=_("Code from the authenticator app"), min_length=6, max_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                         "pattern": "[0-9]{6}", "autofocus": True}))

"""Third-party forms: a station, a test line, an upload file, a hit's outcome."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ecogov.core.models import Jurisdiction

from .choices import StationKind, TestMethod

MAX_UPLOAD = 20 * 1024 * 1024


class StationForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=StationKind.choices())
    jurisdiction = forms.ModelChoiceField(label=_("Jurisdiction"), queryset=Jurisdiction.objects.none())
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    opens = forms.TimeField(label=_("Opens at"), initial="08:00")
    closes = forms.TimeField(label=_("Closes at"), initial="18:00")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.for_user(user)


class LineForm(forms.Form):
    code = forms.CharField(label=_("Line"), max_length=20)
    method = forms.ChoiceField(label=_("Method"), choices=TestMethod.choices())
    instrument = forms.CharField(label=_("Instrument"), max_length=120, required=False)
    instrument_serial = forms.CharField(label=_("Instrument serial number"), max_length=60, required=False)
    calibrated_on = forms.DateField(label=_("Last calibrated on"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return f


class XlsxUploadForm(UploadForm):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

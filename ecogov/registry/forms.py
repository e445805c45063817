"""Registry forms: they validate input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ManagementClass, PermitStatus, ReportFrequency, SupervisionClass
from .models import SupervisedObject
from .selectors import grid_choices
from .services import OBJECT_FIELDS

DATUMS = [("wgs84", "WGS-84"), ("gcj02", _("GCJ-02 (Amap / Tencent maps)"))]


class GridChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        street = obj.parent
        district = street.parent if street else None
        return " / ".join(n.name for n in (district, street, obj) if n is not None) + f" ({obj.code})"


class ObjectForm(forms.ModelForm):
    datum = forms.ChoiceField(label=_("Coordinate datum"), choices=DATUMS, initial="wgs84")

    class Meta:
        model = SupervisedObject
        fields = list(OBJECT_FIELDS)
        field_classes = {"jurisdiction": GridChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = grid_choices(user)
        self.fields["jurisdiction"].label = _("Grid cell")

    def service_data(self) -> tuple[dict, str]:
        data = {k: self.cleaned_data[k] for k in OBJECT_FIELDS if k in self.cleaned_data}
        return data, self.cleaned_data.get("datum") or "wgs84"


class ClassForm(forms.Form):
    new_class = forms.ChoiceField(label=_("Supervision class"), choices=SupervisionClass.choices())
    effective_date = forms.DateField(
        label=_("Effective date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    pollution_level = forms.CharField(label=_("Basis: pollution level"), required=False, max_length=100)
    industry = forms.CharField(label=_("Basis: industry"), required=False, max_length=100)
    risk = forms.CharField(label=_("Basis: environmental risk"), required=False, max_length=100)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PositiveListForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportSubmitForm(forms.Form):
    submitted_date = forms.DateField(label=_("Submitted on"), widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label=_("File"), required=False)


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    signed_date = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label=_("File"), required=False)


class CPAuditForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    started = forms.DateField(
        label=_("Started on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    accepted = forms.DateField(
        label=_("Accepted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    low_cost_measures = forms.IntegerField(label=_("No/low-cost measures"), min_value=0, initial=0)
    high_cost_measures = forms.IntegerField(label=_("Medium/high-cost measures"), min_value=0, initial=0)
    note = forms.CharField(label=_("Note"), required=False)


class PermitForm(forms.Form):
    permit_no = forms.CharField(label=_("Permit number"), max_length=40)
    management_class = forms.ChoiceField(label=_("Management class"), choices=ManagementClass.choices())
    issued_date = forms.DateField(label=_("Issued on"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label=_("Valid to"), widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=PermitStatus.choices(), initial="valid")
    report_frequencies = forms.MultipleChoiceField(
        label=_("Report frequencies"),
        choices=ReportFrequency.choices(),
        widget=forms.CheckboxSelectMultiple,
        initial=["annual"],
    )
    annual_due = forms.CharField(
        label=_("Annual report due (MM-DD of next year)"), initial="01-15", max_length=5
    )
    semiannual_due = forms.CharField(label=_("Half-year report due (MM-DD)"), initial="07-15", max_length=5)
    quarterly_due_days = forms.IntegerField(
        label=_("Quarterly report due (days after quarter)"), initial=15, min_value=1
    )
    monthly_due_days = forms.IntegerField(
        label=_("Monthly report due (day of next month)"), initial=15, min_value=1
    )


class GenerateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class RegistrationForm(forms.ModelForm):
    """A discharge registration (登记管理); a USCC of a registered source links it to that file."""

    class Meta:
        from .models import Registration

        model = Registration
        fields = ["registration_no", "registered_date", "valid_to", "unit_name", "uscc", "industry_code",
                  "jurisdiction"]
        field_classes = {"jurisdiction": GridChoiceField}
        widgets = {"registered_date": forms.DateInput(attrs={"type": "date"}),
                   "valid_to": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = grid_choices(user)
        self.fields["jurisdiction"].label = _("Grid cell")
        self.fields["unit_name"].required = True

"""Forms of the ledger's pages (inputs only; the rules are in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import SourceKind

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class ReportForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Evidence"), required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due = forms.DateField(label=_("Due"), **DATE)
    share = forms.IntegerField(label=_("Share of the work (%)"), min_value=1, max_value=100)


class ExtendForm(forms.Form):
    deadline = forms.DateField(label=_("New deadline"), **DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(forms.Form):
    problem = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("Deadline"), **DATE)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, initial=1)


class BatchForm(forms.Form):
    code = forms.CharField(label=_("Batch code"), max_length=40)
    title = forms.CharField(label=_("Title"), max_length=200)
    source = forms.ChoiceField(label=_("Source"), choices=SourceKind.choices())
    received_date = forms.DateField(label=_("Received on"), **DATE)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=120)
    deadline = forms.DateField(label=_("Close-out deadline"), **DATE)


class ProblemForm(forms.Form):
    """A new problem of a batch, in an area of the user's scope."""

    external_no = forms.CharField(label=_("Number"), max_length=40, required=False)
    problem = forms.CharField(label=_("Problem"), widget=forms.Textarea(attrs={"rows": 2}))
    measures = forms.CharField(label=_("Measures"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    jurisdiction = forms.ModelChoiceField(label=_("Responsible area"), queryset=None)
    leader = forms.CharField(label=_("Responsible leader"), max_length=60, required=False)
    deadline = forms.DateField(label=_("Deadline"), **DATE)

    def __init__(self, *args, user=None, **kwargs):
        from ecogov.core.models import Jurisdiction

        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.for_user(user).filter(
            level__in=("city", "district", "street"))

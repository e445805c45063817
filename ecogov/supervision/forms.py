"""The free (not drawn) inspection as a Django form: the fields of
``supervision/_inspection_fields.html`` turned into the keyword arguments of
``services.inspection_record``. The service keeps every rule (two officers with
valid certificates, no conflict of interest, findings for a problem, deadline,
attachments); ``add_domain_error`` puts its refusals on the right field.

Other apps (e.g. complaints opening an inspection) reuse this form so that they
do not re-implement the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ecogov.core.errors import DomainError

from . import selectors
from .choices import InspectionResult


class FreeInspectionForm(forms.Form):
    date = forms.DateField(label=_("Inspection date"))
    officers = forms.ModelMultipleChoiceField(label=_("Officers (at least two)"), queryset=None)
    result = forms.ChoiceField(label=_("Result"), choices=())
    rectify_deadline = forms.DateField(label=_("Rectification deadline"), required=False)
    violation = forms.CharField(label=_("Suspected violation"), required=False, widget=forms.Textarea)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)

    #: Service fields without a form field of their own: their errors are shown above the form.
    NON_FIELD = ("findings", "attachments", "drawn", "supervised_object")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = selectors.officer_choices()
        self.fields["result"].choices = InspectionResult.choices()[1:]

    def findings(self) -> list[dict]:
        """``[{"point", "compliant", "note"}]`` from the checklist table (one row per point)."""
        points, notes = self.data.getlist("point"), self.data.getlist("note")
        return [
            {"point": point.strip(), "compliant": self.data.get(f"ok_{i}") != "no",
             "note": notes[i].strip() if i < len(notes) else ""}
            for i, point in enumerate(points) if point.strip()
        ]

    def finding_rows(self, points: list[str]) -> list[dict]:
        """The checklist table to render: the posted rows when bound, else ``points``."""
        if not self.is_bound:
            return [{"point": p, "ok": "yes", "note": ""} for p in points]
        notes = self.data.getlist("note")
        return [{"point": p, "ok": self.data.get(f"ok_{i}", "yes"), "note": notes[i] if i < len(notes) else ""}
                for i, p in enumerate(self.data.getlist("point")) if p.strip()]

    def selected_officers(self) -> set[int]:
        return {int(v) for v in self.data.getlist("officers") if str(v).isdigit()} if self.is_bound else set()

    def service_kwargs(self) -> dict:
        """Keyword arguments of ``services.inspection_record`` (after ``is_valid()``)."""
        d = self.cleaned_data
        return {
            "date": d["date"], "officers": list(d["officers"]), "result": d["result"], "findings": self.findings(),
            "summary": d.get("summary", ""), "rectify_deadline": d.get("rectify_deadline"),
            "violation": d.get("violation", ""), "attachments": self.files.getlist("attachments") if self.files else [],
        }

    def add_domain_error(self, exc: DomainError) -> None:
        """Show a refusal of the service on its field, in the page's language."""
        errors = exc.detail.get("errors") if isinstance(exc.detail, dict) else None
        english = (get_language() or "zh").startswith("en")
        if isinstance(errors, dict) and errors:
            for field, text in errors.items():
                if isinstance(text, dict) and {"zh", "en"} <= text.keys():
                    text = text["en"] if english else text["zh"]
                self.add_error(field if field in self.fields else None, str(text))
            return
        self.add_error(None, exc.message)

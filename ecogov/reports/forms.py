"""Forms of the briefing pages: the choice of type, period and area; a type's edit form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DocKind


class ChooseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=DocKind.choices())
    period = forms.CharField(label=_("Period"), max_length=10, help_text=_("2021-08, 2021Q3 or 2021"))
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"))

    def __init__(self, *args, jurisdictions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = [(j.code, j.name) for j in jurisdictions]


class TypeForm(forms.Form):
    name = forms.CharField(label=_("Document name"), max_length=100)
    issuing_office = forms.CharField(label=_("Issuing office"), max_length=100)
    foreword = forms.CharField(label=_("Editor's note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    copy_to = forms.CharField(label=_("Copies to"), max_length=300, required=False)
    template = forms.FileField(label=_("Word template (.docx)"), required=False)
    reset_template = forms.BooleanField(label=_("Go back to the default template"), required=False)

    def __init__(self, *args, section_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = list(section_keys)

    def clean(self):
        data = super().clean()
        chosen = []
        for i, key in enumerate(self.section_keys):
            if self.data.get(f"use_{key}"):
                try:
                    pos = int(self.data.get(f"order_{key}") or i + 1)
                except ValueError:
                    pos = i + 1
                chosen.append((pos, i, key))
        data["sections"] = [key for _, _, key in sorted(chosen)]
        return data

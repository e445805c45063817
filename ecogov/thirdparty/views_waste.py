"""Staff pages of hazardous waste and radioactive sources: collection points (with the in-city
disposal rate), collection records and a new one, radioactive sources and sending a disused one to
storage. Lists through core's page kit, POSTs through ``action``/``form_action``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core.errors import NotFound, PermissionRefused
from ecogov.core.pages import action, form_action
from ecogov.core.permissions import require

from . import selectors_waste as selectors
from . import services_waste as services
from .choices import WasteRole
from .models import CollectionPoint, CollectionRecord, RadioactiveSource, WasteUnit


def _require(user, action_name: str, model) -> None:
    try:
        require(user, action_name, model)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc


def _figures(request) -> dict:
    return {"waste": selectors.disposal_figures(request.user)}


@login_required
def point_list(request):
    _require(request.user, "view", CollectionPoint)
    return selectors.POINTS.response(request, extra=_figures(request))


@login_required
def record_list(request):
    _require(request.user, "view", CollectionRecord)
    return selectors.COLLECTIONS.response(request, extra=_figures(request))


class CollectionForm(forms.Form):
    manifest_no = forms.CharField(label=gettext_lazy("Manifest number"), max_length=40)
    producer = forms.ModelChoiceField(label=gettext_lazy("Producer"), queryset=WasteUnit.objects.none())
    point = forms.ModelChoiceField(label=gettext_lazy("Collection point"), queryset=CollectionPoint.objects.none(),
                                   required=False)
    handler = forms.ModelChoiceField(label=gettext_lazy("Handler"), queryset=WasteUnit.objects.none())
    waste_code = forms.CharField(label=gettext_lazy("Waste code"), max_length=20)
    tonnes = forms.DecimalField(label=gettext_lazy("Tonnes"), max_digits=12, decimal_places=3)
    collected_on = forms.DateField(label=gettext_lazy("Collected on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = selectors.units_for(user, WasteRole.PRODUCER)
        self.fields["point"].queryset = CollectionPoint.objects.for_user(user)
        self.fields["handler"].queryset = WasteUnit.objects.filter(role=WasteRole.HANDLER)


@login_required
def record_create(request):
    _require(request.user, "add", CollectionRecord)
    form = CollectionForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda data: services.collection_record(actor=request.user, **data),
                       then="thirdparty:waste_records", template="thirdparty/form.html",
                       context={"title": _("New collection record")})


@login_required
def source_list(request):
    _require(request.user, "view", RadioactiveSource)
    return selectors.SOURCES.response(request, extra={"sources": selectors.source_figures(request.user),
                                                      "today": timezone.localdate()})


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(_("Give a date (YYYY-MM-DD).")) from exc


@login_required
@require_POST
def source_store(request):
    """Send the disused source named by its code to storage."""
    def store():
        source = selectors.sources_for(request.user).filter(code=request.POST.get("code", "").strip()).first()
        if source is None:
            raise NotFound(_("radioactive source"), "radioactivesource")
        return services.source_store(source=source, stored_on=_date(request.POST.get("stored_on", "")),
                                     storage=request.POST.get("storage", ""), actor=request.user)

    return action(request, store, then=reverse("thirdparty:sources"), done=_("The source is recorded as stored."))

"""Staff pages of hazardous waste and radioactive sources: collection points (with the in-city
disposal rate), collection records and a new one, radioactive sources and sending a disused one to
storage. Lists through core's page kit, POSTs through ``action``/``form_action``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core.errors import NotFound, PermissionRefused
from ecogov.core.excel import ImportFailed, template_xlsx
from ecogov.core.pages import XLSX, action, form_action, table_response
from ecogov.core.params import year_param
from ecogov.core.permissions import require

from . import selectors_waste as selectors
from . import services_waste as services
from .choices import WasteRole
from .forms import XlsxUploadForm
from .models import CollectionPoint, CollectionRecord, RadioactiveSource, WasteUnit
from .tables import COLLECTION_IMPORT_COLUMNS, RATE_COLUMNS


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
def record_import(request):
    """An .xlsx of collection records: the whole file or nothing; the refused rows show on the page."""
    _require(request.user, "add", CollectionRecord)
    form = XlsxUploadForm(request.POST or None, request.FILES or None)
    context: dict = {"title": _("Import collection records"), "errors": [],
                     "template_url": reverse("thirdparty:waste_import_template"),
                     "intro": _("A manifest number already recorded updates that record.")}

    def upload(data):
        try:
            return services.collections_import(actor=request.user, data=data["file"].read())
        except ImportFailed as exc:
            context["errors"] = exc.errors
            raise

    return form_action(request, form, upload, then="thirdparty:waste_records", template="thirdparty/upload.html",
                       context=context, done=_("Collection records imported."))


@login_required
def import_template(request):
    _require(request.user, "add", CollectionRecord)
    response = HttpResponse(template_xlsx(COLLECTION_IMPORT_COLUMNS, title="危险废物收集记录"), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="collection-records-template.xlsx"'
    return response


@login_required
def rate_table(request):
    """The in-city disposal rate per district and in total, from the records (``?export=xlsx``)."""
    _require(request.user, "view", CollectionRecord)
    year = year_param(request.GET.get("year"))
    rows = selectors.disposal_table(request.user, year=year)
    return table_response(request, rows, RATE_COLUMNS, title=str(_("In-city disposal rate by district")),
                          filename=f"disposal-rate-{year}" if year else "disposal-rate", model=CollectionRecord,
                          dated=True, template="thirdparty/waste_rates.html", extra={"year": year})


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

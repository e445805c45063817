"""Staff pages of construction-site dust responsibility and muck trucks: the sites with their
letters, one site with its inspections and joint reviews (forms for both), the trucks, one truck
with its violations and the track import. Lists through core's page kit, POSTs through
``form_action``."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.errors import NotFound, PermissionRefused
from ecogov.core.pages import form_action
from ecogov.core.permissions import require

from . import selectors_dust as selectors
from . import services_dust as services
from .choices import ReviewDecision
from .models_dust import DustResponsibility, MuckTruck


def _require(user, model) -> None:
    try:
        require(user, "view", model)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc


def _get(getter, request, pk, action_name="view"):
    try:
        return getter(user=request.user, pk=pk, action=action_name)
    except NotFound as exc:
        raise Http404 from exc


class InspectionForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in services.CHECKLIST.items():
            self.fields[f"item_{key}"] = forms.BooleanField(label=label, required=False)

    def data_for_service(self, data: dict) -> dict:
        items = {k: data.pop(f"item_{k}", False) for k in services.CHECKLIST}
        return {**data, "items": items}


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), choices=ReviewDecision.choices())
    reasons = forms.CharField(label=gettext_lazy("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class TrackForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("GPS track (CSV: time, lon, lat, lid_closed)"))


@login_required
def duty_list(request):
    _require(request.user, DustResponsibility)
    return selectors.DUTIES.response(request)


@login_required
def duty_detail(request, pk: int):
    duty = _get(selectors.duty_get, request, pk)
    return render(request, "thirdparty/duty_detail.html", {
        "duty": duty, "inspections": duty.inspections.select_related("inspector"), "reviews": duty.reviews.all(),
        "checklist": services.CHECKLIST, "inspection_form": InspectionForm(), "review_form": ReviewForm()})


def _back(duty) -> str:
    return reverse("thirdparty:duty_detail", args=[duty.pk])


@login_required
def duty_inspect(request, pk: int):
    duty = _get(selectors.duty_get, request, pk, "change")
    form = InspectionForm(request.POST or None)
    return form_action(request, form, lambda data: services.inspection_record(
        duty=duty, actor=request.user, **form.data_for_service(dict(data))), then=_back(duty),
        template="thirdparty/form.html", context={"title": _("Dust-control inspection")})


@login_required
def duty_review(request, pk: int):
    duty = _get(selectors.duty_get, request, pk, "change")
    form = ReviewForm(request.POST or None)
    return form_action(request, form, lambda data: services.review_record(duty=duty, actor=request.user, **data),
                       then=_back(duty), template="thirdparty/form.html", context={"title": _("Joint review")})


@login_required
def truck_list(request):
    _require(request.user, MuckTruck)
    return selectors.TRUCKS.response(request)


@login_required
def truck_violation_list(request):
    _require(request.user, MuckTruck)
    return selectors.TRUCK_VIOLATIONS.response(request)


@login_required
def truck_detail(request, pk: int):
    truck = _get(selectors.truck_get, request, pk)
    form = TrackForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        truck = _get(selectors.truck_get, request, pk, "change")
    return form_action(request, form, lambda data: services.track_import(
        truck=truck, data=data["file"].read(), actor=request.user),
        then=reverse("thirdparty:truck_detail", args=[truck.pk]), template="thirdparty/truck_detail.html",
        context={"truck": truck, "violations": truck.violations.all()[:100],
                 "tracks": selectors.truck_tracks(truck)[:20]},
        done=_("Track imported; the violations found are listed."))

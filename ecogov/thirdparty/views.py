"""Staff pages of third-party supervision: stations (list, one station with its lines, new
station, new line), test records (list, upload file, template), fraud hits (list, one hit with
its outcome actions). Every list through core's page kit, every POST through ``action`` or
``form_action``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.errors import NotFound, PermissionRefused
from ecogov.core.excel import ImportFailed, template_xlsx
from ecogov.core.pages import XLSX, action, form_action
from ecogov.core.permissions import require

from . import selectors, services
from .forms import LineForm, StationForm, UploadForm
from .models import Station, TestRecord
from .tables import IMPORT_COLUMNS


def _require(user, action_name: str, model=Station) -> None:
    try:
        require(user, action_name, model)
    except PermissionRefused as exc:
        raise PermissionDenied(str(exc)) from exc


def _get(getter, request, pk, action_name="view"):
    try:
        return getter(user=request.user, pk=pk, action=action_name)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def station_list(request):
    _require(request.user, "view")
    return selectors.STATIONS.response(request, extra={
        "punished": selectors.punished_station_count(request.user), "link_column": 1})


@login_required
def station_detail(request, pk: int):
    station = _get(selectors.station_get, request, pk)
    return render(request, "thirdparty/station_detail.html", {
        "station": station, "lines": selectors.station_lines(station), "line_form": LineForm(),
        "hits": selectors.hits_for(request.user).filter(station=station)[:20]})


@login_required
def station_create(request):
    _require(request.user, "add")
    form = StationForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda data: services.station_create(actor=request.user, **data),
                       then=lambda s: reverse("thirdparty:station_detail", args=[s.pk]),
                       template="thirdparty/form.html", context={"title": _("New station")})


@login_required
def line_create(request, pk: int):
    station = _get(selectors.station_get, request, pk, "change")
    form = LineForm(request.POST or None)
    url = reverse("thirdparty:station_detail", args=[station.pk])
    return form_action(request, form, lambda data: services.line_create(station=station, actor=request.user, **data),
                       then=url, template="thirdparty/form.html", context={"title": _("New test line")})


@login_required
def record_list(request):
    _require(request.user, "view", TestRecord)
    return selectors.RECORDS.response(request)


@login_required
def record_upload(request):
    """The whole file or nothing; the refused rows show on the same page."""
    _require(request.user, "add", TestRecord)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict = {"title": _("Upload test records"), "errors": []}

    def upload(data):
        try:
            return services.records_import(actor=request.user, data=data["file"].read(), filename=data["file"].name)
        except ImportFailed as exc:
            context["errors"] = exc.errors
            raise

    return form_action(request, form, upload, then="thirdparty:hit_list", template="thirdparty/upload.html",
                       context=context, done=_("Test records imported; the fraud indicators have run."))


@login_required
def upload_template(request):
    response = HttpResponse(template_xlsx(IMPORT_COLUMNS, title="检测记录"), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="test-records-template.xlsx"'
    return response


@login_required
def hit_list(request):
    _require(request.user, "view")
    return selectors.HITS.response(request, extra={"counts": selectors.hit_counts(request.user)})


@login_required
def hit_detail(request, pk: int):
    hit = _get(selectors.hit_get, request, pk)
    return render(request, "thirdparty/hit_detail.html", {"hit": hit, "case": selectors.hit_case(request.user, hit)})


def _hit_action(request, pk: int, call):
    hit = _get(selectors.hit_get, request, pk, "change")
    url = reverse("thirdparty:hit_detail", args=[hit.pk])
    return action(request, lambda: call(hit), then=url)


@login_required
@require_POST
def hit_dismiss(request, pk: int):
    return _hit_action(request, pk, lambda hit: services.hit_dismiss(
        hit=hit, reason=request.POST.get("reason", ""), actor=request.user))


@login_required
@require_POST
def hit_refer(request, pk: int):
    return _hit_action(request, pk, lambda hit: services.hit_refer(
        hit=hit, facts=request.POST.get("facts", ""), actor=request.user))


@login_required
@require_POST
def hit_punished(request, pk: int):
    return _hit_action(request, pk, lambda hit: services.hit_punished(
        hit=hit, decision=request.POST.get("decision", ""), actor=request.user))

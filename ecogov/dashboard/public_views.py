"""The public subset of the one map: what the law lets the public see (air stations by AQI,
water sections by class, penalty decisions made public), read as an anonymous user."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page

from . import selectors


def _layers() -> list[dict]:
    labels = {"monitoring-stations": _("Air stations (AQI)"), "monitoring-sections": _("Water sections (class)"),
              "public-penalties": _("Penalty decisions (public)")}
    return [{"key": key, "label": labels[key], "group": "",
             "url": reverse("portal:dashboard_public:layer", args=[key])} for key in selectors.PUBLIC_LAYERS]


def public_map(request):
    config = {"layers": [{"key": "boundaries", "label": _("Administrative boundaries"), "group": "",
                          "url": reverse("portal:dashboard_public:layer", args=["boundaries"])}, *_layers()],
              "tiles": {"url": ""}, "radii": [], "rings_url": "", "public": True}
    return render(request, "dashboard/public_map.html", {"config": config})


@gzip_page  # as the staff layers: public GeoJSON, nothing secret in it
def public_layer(request, key: str):
    try:
        data = selectors.public_collection(key, request.GET.dict())
    except KeyError as exc:
        raise Http404 from exc
    return JsonResponse(data)

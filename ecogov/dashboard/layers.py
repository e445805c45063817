"""Layers the dashboard draws from other apps' selectors: administrative boundaries and grid
cells (the offline base map), supervised objects by class, complaints as hexagon density,
and penalty cases (the ledger draws its own open items). ``provider(user, **params)`` each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from ecogov.complaints import selectors as complaints
from ecogov.core import selectors as core
from ecogov.enforcement import selectors as enforcement
from ecogov.monitoring import selectors as monitoring
from ecogov.registry import selectors as registry

from . import hexbin

CLASS_COLOURS = {"A": "#d62728", "B": "#ff7f0e", "C": "#2ca02c", "": "#7f7f7f"}
LEVEL_STYLE = {"city": ("#333333", 3), "district": ("#555555", 2), "street": ("#888888", 1), "grid": ("#bbbbbb", 0.5)}
COMPLAINT_DAYS = 90


def collection(features: list[dict], **meta) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features, "meta": meta}


def _point(lon, lat, **props) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def boundaries(user, *, level: str = "", **params) -> dict[str, Any]:
    """City, district and street outlines (``level=grid``: the grid cells)."""
    levels = [level] if level else ["city", "district", "street"]
    features = []
    for node in core.jurisdictions_for(user).filter(level__in=levels, boundary__isnull=False):
        colour, weight = LEVEL_STYLE.get(node.level, ("#999999", 1))
        features.append({"type": "Feature", "geometry": node.boundary,
                         "properties": {"id": node.pk, "code": node.code, "name": node.name, "level": node.level,
                                        "colour": colour, "weight": weight, "base": True}})
    return collection(features)


def grids(user, **params) -> dict[str, Any]:
    return boundaries(user, level="grid")


def supervised_objects(user, **params) -> dict[str, Any]:
    qs = registry.objects_for(user).filter(lon__isnull=False, lat__isnull=False)
    return collection([
        _point(o.lon, o.lat, id=o.pk, name=o.name, code=o.uscc, kind="supervised_object",
               label=f"{o.supervision_class or '—'}类", colour=CLASS_COLOURS.get(o.supervision_class or "", "#7f7f7f"),
               url=reverse("registry:object_detail", args=[o.pk]))
        for o in qs
    ])


def complaint_density(user, *, size_m: Any = 500, **params) -> dict[str, Any]:
    """Complaints of the last 90 days counted in hexagons (500 m by default)."""
    try:
        size = max(100.0, min(5000.0, float(size_m)))
    except (TypeError, ValueError):
        size = 500.0
    since = timezone.now() - dt.timedelta(days=COMPLAINT_DAYS)
    pts = complaints.complaints_for(user).filter(lon__isnull=False, lat__isnull=False, received_at__gte=since
                                                 ).values_list("lon", "lat")
    cells = hexbin.density(pts, size)
    top = max((c["count"] for c in cells), default=1)
    features = [{"type": "Feature", "geometry": c["geometry"],
                 "properties": {"count": c["count"], "name": str(c["count"]), "opacity": 0.15 + 0.6 * c["count"] / top,
                                "colour": "#d62728"}} for c in cells]
    return collection(features, size_m=size, days=COMPLAINT_DAYS)


def penalty_cases(user, **params) -> dict[str, Any]:
    qs = enforcement.cases_for(user).filter(supervised_object__lon__isnull=False, supervised_object__lat__isnull=False)
    return collection([
        _point(c.supervised_object.lon, c.supervised_object.lat, id=c.pk, name=c.supervised_object.name,
               code=c.case_no, label=c.get_status_display(), colour="#6a3d9a",
               url=reverse("enforcement:case_detail", args=[c.pk]))
        for c in qs
    ])


def public_boundaries() -> dict[str, Any]:
    """City and district outlines (administrative boundaries are public)."""
    return collection([
        {"type": "Feature", "geometry": node.boundary,
         "properties": {"name": node.name, "level": node.level, "colour": LEVEL_STYLE[node.level][0],
                        "weight": LEVEL_STYLE[node.level][1], "base": True}}
        for node in [monitoring.city_of(None), *monitoring.districts()] if node is not None and node.boundary
    ])


def public_penalties(**params) -> dict[str, Any]:
    """Penalty decisions made public (the enforcement app's public list), at the unit's location."""
    url = reverse("portal:enforcement_public:decisions")
    return collection([
        _point(c.supervised_object.lon, c.supervised_object.lat, name=c.supervised_object.name, code=c.decision_no,
               label=str(c.decision_date or ""), colour="#6a3d9a", url=url)
        for c in enforcement.public_decisions() if c.supervised_object.lon is not None
    ])

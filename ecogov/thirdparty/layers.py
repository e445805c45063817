"""Map layers of third-party supervision for the one map (``contrib.map_layers``), each
``provider(user, **params) -> GeoJSON FeatureCollection`` read through ``for_user``:

- muck trucks: each truck's newest imported GPS track (or the tracks of ``date``) as a line, red
  when the run has a violation, the approved route as a grey line, and the violations as points;
- construction sites under dust responsibility: the site's position coloured by its state (a stop
  or rectification order of the latest joint review, failed checklist items at the latest
  inspection, else in order);
- hazardous-waste collection points with the units they serve and the tonnes collected.

``params``: ``bbox`` ("min_lon,min_lat,max_lon,max_lat", WGS-84) keeps the points in view; the map
also sends ``zoom`` (points are aggregated by the dashboard).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.db.models import OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.params import date_param

from .choices import ReviewDecision, TruckViolationKind
from .models import CollectionPoint
from .models_dust import DustInspection, DustResponsibility, JointReview, TruckTrack, TruckViolation

#: Colours of the features (properties.colour).
TRACK_OK, TRACK_BAD, ROUTE = "#1f77b4", "#d62728", "#999999"
VIOLATION_COLOURS = {TruckViolationKind.OFF_ROUTE: "#ff7f0e", TruckViolationKind.UNSEALED: "#d62728"}
SITE_COLOURS = {"stop": "#d62728", "rectify": "#ff7f0e", "failed": "#e6b800", "ok": "#2ca02c",
                "new": "#7f7f7f"}
POINT_COLOUR = "#8c564b"


def _bbox(raw: Any) -> tuple[float, float, float, float] | None:
    if not raw:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in str(raw).split(","))
    except ValueError:
        return None
    return x0, y0, x1, y1


def _in_box(qs, box, lon: str = "lon", lat: str = "lat"):
    if box is None:
        return qs
    return qs.filter(**{f"{lon}__gte": box[0], f"{lon}__lte": box[2], f"{lat}__gte": box[1], f"{lat}__lte": box[3]})


def _feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value)


def _tracks(user, day: dt.date | None):
    tracks = TruckTrack.objects.for_user(user).select_related("truck")
    if day is not None:
        return tracks.filter(started_at__date=day).order_by("truck__plate", "started_at")
    newest = TruckTrack.objects.filter(truck=OuterRef("truck")).order_by("-started_at").values("started_at")[:1]
    return tracks.filter(started_at=Subquery(newest)).order_by("truck__plate")


def muck_trucks(user, *, date: Any = None, bbox: Any = None, **params: Any) -> dict[str, Any]:
    """Muck-truck tracks (lines), their approved routes (grey lines) and violations (points)."""
    tracks = list(_tracks(user, date_param(date or None)))
    features: list[dict[str, Any]] = []
    if not tracks:
        return {"type": "FeatureCollection", "features": features}
    violations = _in_box(TruckViolation.objects.for_user(user).filter(
        truck_id__in={t.truck_id for t in tracks}, at__gte=min(t.started_at for t in tracks),
        at__lte=max(t.ended_at for t in tracks)), _bbox(bbox)).select_related("truck").order_by("at")
    runs: dict[int, list[TruckViolation]] = {t.pk: [] for t in tracks}
    shown = []
    for v in violations:
        track = next((t for t in tracks if t.truck_id == v.truck_id and t.started_at <= v.at <= t.ended_at), None)
        if track is not None:
            runs[track.pk].append(v)
            shown.append(v)
    routes_done: set[int] = set()
    for t in tracks:
        url = reverse("thirdparty:truck_detail", args=[t.truck_id])
        if t.truck.route and len(t.truck.route) > 1 and t.truck_id not in routes_done:
            routes_done.add(t.truck_id)
            features.append(_feature({"type": "LineString", "coordinates": t.truck.route}, kind="route",
                                     name=t.truck.plate, label=_("Approved route"), colour=ROUTE, url=url))
        if len(t.points) < 2:
            continue
        n = len(runs[t.pk])
        features.append(_feature(
            {"type": "LineString", "coordinates": t.points}, kind="track", id=t.pk, truck=t.truck_id,
            name=t.truck.plate, label=_("Muck-truck track"), colour=TRACK_BAD if n else TRACK_OK, violations=n,
            note=f"{t.truck.company} · {_local(t.started_at):%Y-%m-%d %H:%M}–{_local(t.ended_at):%H:%M} · "
                 + _("%(n)s violations") % {"n": n}, url=url))
    for v in shown:
        features.append(_feature(
            {"type": "Point", "coordinates": [v.lon, v.lat]}, kind="violation", id=v.pk, truck=v.truck_id,
            violation=v.kind, name=v.truck.plate, label=TruckViolationKind.label(v.kind),
            colour=VIOLATION_COLOURS.get(v.kind, TRACK_BAD), note=f"{_local(v.at):%Y-%m-%d %H:%M} {v.detail}",
            url=reverse("thirdparty:truck_detail", args=[v.truck_id])))
    return {"type": "FeatureCollection", "features": features}


def _site_state(decision: str | None, failed: int | None) -> str:
    if decision in (ReviewDecision.STOP, ReviewDecision.RECTIFY):
        return str(decision)
    if failed is None:
        return "new"
    return "failed" if failed else "ok"


SITE_STATE_LABELS = {"stop": gettext_lazy("Stop ordered by the joint review"),
                     "rectify": gettext_lazy("Rectification ordered by the joint review"),
                     "failed": gettext_lazy("Items failed at the latest inspection"),
                     "ok": gettext_lazy("Every item in place at the latest inspection"),
                     "new": gettext_lazy("Not inspected yet")}


def dust_sites(user, *, bbox: Any = None, **params: Any) -> dict[str, Any]:
    """Construction sites with a dust-responsibility letter, coloured by their latest review or check."""
    last_review = JointReview.objects.filter(duty=OuterRef("pk")).order_by("-held_on", "-pk")
    last_check = DustInspection.objects.filter(duty=OuterRef("pk")).order_by("-date", "-pk")
    duties = _in_box(DustResponsibility.objects.for_user(user), _bbox(bbox), "site__lon", "site__lat").annotate(
        decision=Subquery(last_review.values("decision")[:1]), failed=Subquery(last_check.values("failed")[:1]),
        checked=Subquery(last_check.values("date")[:1])).select_related("site", "inspector").order_by("pk")
    features = []
    for d in duties:
        state = _site_state(d.decision, d.failed)
        note = _("Responsible: %(person)s; inspector: %(inspector)s") % {
            "person": d.responsible_person, "inspector": d.inspector.full_name if d.inspector else "—"}
        if d.checked:
            note += _("; inspected %(date)s") % {"date": f"{d.checked:%Y-%m-%d}"}
        features.append(_feature(
            {"type": "Point", "coordinates": [d.site.lon, d.site.lat]}, id=d.pk, name=d.site.name, state=state,
            label=d.letter_no, state_label=str(SITE_STATE_LABELS[state]), colour=SITE_COLOURS[state], note=note,
            url=reverse("thirdparty:duty_detail", args=[d.pk])))
    return {"type": "FeatureCollection", "features": features}


def waste_points(user, *, bbox: Any = None, **params: Any) -> dict[str, Any]:
    """Small-quantity hazardous-waste collection points with a position."""
    points = _in_box(CollectionPoint.objects.for_user(user).filter(lon__isnull=False, lat__isnull=False),
                     _bbox(bbox)).select_related("operator").annotate(tonnes=Sum("records__tonnes")).order_by("code")
    base = reverse("thirdparty:waste_records")
    features = [_feature(
        {"type": "Point", "coordinates": [p.lon, p.lat]}, id=p.pk, code=p.code, name=p.name,
        label=_("Hazardous-waste collection point"), colour=POINT_COLOUR, units_served=p.units_served,
        tonnes=float(p.tonnes or 0), note=_("%(operator)s · serves %(units)s units · %(tonnes)s t collected") % {
            "operator": p.operator.name, "units": p.units_served, "tonnes": p.tonnes or 0},
        url=f"{base}?{urlencode({'point': p.code})}") for p in points]
    return {"type": "FeatureCollection", "features": features}

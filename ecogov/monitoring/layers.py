"""Map layers of monitoring for the one map (``contrib.map_layers``).

``stations(user, hours_ago=0)``: every station the user reads, coloured by the AQI
category (HJ 633 colours) of the hour ``hours_ago`` hours before the newest stored hour
(0..71: the map's 72-hour slider), with that hour's wind. National and provincial stations
carry ``rings: true`` (the map draws their 1/2/3 km rings).

``sections(user)``: surface-water sections coloured by their class (GB 3838) in the month
of the newest sample.

``drinking(user)``: the drinking-water sources inside the user's jurisdiction, coloured by the
state of each one's newest sample (compliant green, not compliant red, no sample grey).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecogov.standards import category

from . import selectors
from .choices import StationKind, water_class_label
from .models import Reading, WindReading
from .realtime import readings_aqi
from .water import sections_month, sources_latest

SLIDER_HOURS = 72
RING_KINDS = (StationKind.NATIONAL, StationKind.PROVINCIAL)
#: GB 3838 classes I..V and worse than V (6), as the water pages draw them.
CLASS_COLOURS = {1: "#1f77b4", 2: "#17becf", 3: "#2ca02c", 4: "#f2c500", 5: "#ff7f0e", 6: "#d62728"}
#: Drinking-water source states.
STATE_COLOURS = {"compliant": "#2ca02c", "not_compliant": "#d62728", "no_data": "#cccccc"}


def _hours_ago(raw: Any) -> int:
    try:
        return max(0, min(SLIDER_HOURS - 1, int(raw or 0)))
    except (TypeError, ValueError):
        return 0


def _feature(station, reading, aqi, primary, wind, time, url: str) -> dict[str, Any]:
    cat = category(aqi) if aqi is not None else None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [station.lon, station.lat]},
        "properties": {
            "id": station.pk, "code": station.code, "name": station.name, "kind": station.kind,
            "label": station.kind_label, "aqi": aqi, "primary": primary, "category": cat.category if cat else "",
            "colour": cat.hex if cat else "#cccccc", "pm25": getattr(reading, "pm25", None),
            "wind_from": getattr(wind, "direction", None), "wind_speed": getattr(wind, "speed", None),
            "time": timezone.localtime(time).isoformat() if time else None, "rings": station.kind in RING_KINDS,
            "url": url.replace("{code}", station.code),
        },
    }


def stations(user, *, hours_ago: Any = 0, kind: str = "", station: Any = None, **params) -> dict[str, Any]:
    """``station``: only the station with that id (a ring's centre)."""
    qs = selectors.stations_for_user(user, kind=kind).filter(lon__isnull=False, lat__isnull=False, active=True)
    if station not in (None, ""):
        try:
            pk = int(station)
        except (TypeError, ValueError):
            pk = 0
        qs = qs.filter(pk=pk) if 0 < pk < 2**63 else qs.none()
    listed = list(qs)
    newest = selectors.latest_time()
    time = newest - dt.timedelta(hours=_hours_ago(hours_ago)) if newest else None
    ids = [s.pk for s in listed]
    readings = {r.station_id: r for r in Reading.objects.filter(station_id__in=ids, time=time)} if time else {}
    winds = {w.station_id: w for w in WindReading.objects.filter(station_id__in=ids, time=time)} if time else {}
    got = list(readings.values())
    aqis = dict(zip([r.station_id for r in got], readings_aqi(got), strict=True))
    url = reverse("monitoring:station_detail", args=["CODE"]).replace("CODE", "{code}")
    features = [_feature(s, readings.get(s.pk), *(aqis.get(s.pk) or (None, "")), winds.get(s.pk), time, url)
                for s in listed]
    local = timezone.localtime
    return {"type": "FeatureCollection", "features": features,
            "meta": {"time": local(time).isoformat() if time else None,
                     "newest": local(newest).isoformat() if newest else None, "hours": SLIDER_HOURS}}


def sections(user, *, unlocated: Any = "", **params) -> dict[str, Any]:
    """``unlocated=1``: also the sections without coordinates (with a null geometry), for counts."""
    located = lambda s: s.lon is not None and s.lat is not None  # noqa: E731
    listed = [s for s in selectors.water_sites(user, "section") if unlocated or located(s)]
    day = selectors.latest_water_day()
    features = []
    for row in sections_month(day.year, day.month, listed):
        s = row.site
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]} if located(s) else None,
            "properties": {"id": s.pk, "code": s.code, "name": s.name, "label": water_class_label(row.klass),
                           "colour": CLASS_COLOURS.get(row.klass or 0, "#cccccc"), "klass": row.klass,
                           "target": row.target, "compliant": row.compliant,
                           "url": reverse("monitoring:section_detail", args=[s.code])},
        })
    return {"type": "FeatureCollection", "features": features, "meta": {"month": f"{day:%Y-%m}"}}


def _state_label(state: str) -> str:
    return {"compliant": _("Compliant"), "not_compliant": _("Not compliant")}.get(state, _("No sample"))


def drinking(user, **params) -> dict[str, Any]:
    """Drinking-water sources with coordinates, by the state of their newest sample."""
    listed = [s for s in selectors.drinking_sources_in_area(user) if s.lon is not None and s.lat is not None]
    features = []
    for row in sources_latest(listed):
        s = row.site
        when = f"{row.date:%Y-%m-%d}" if row.date else "—"
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
            "properties": {"id": s.pk, "code": s.code, "name": s.name, "water_body": s.water_body,
                           "label": " · ".join(x for x in (s.water_body, row.class_label) if x), "klass": row.klass,
                           "target": s.target_class, "compliant": row.compliant, "state": row.state,
                           "state_label": _state_label(row.state), "colour": STATE_COLOURS[row.state],
                           "date": row.date.isoformat() if row.date else None,
                           "note": f"{_('Latest sample')}: {when}",
                           "url": reverse("monitoring:source_detail", args=[s.code])},
        })
    return {"type": "FeatureCollection", "features": features}

"""Routing: a point goes to the deepest jurisdiction whose boundary contains it,
a category to its responsible department; the policy (time limits, duplicate
rules) of a jurisdiction is the nearest one configured on it or above it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from ecogov.core.errors import field_error
from ecogov.core.geo import geojson_contains, to_wgs84
from ecogov.core.models import Jurisdiction

from .deadlines import Limits
from .models import ComplaintPolicy

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass(frozen=True)
class Policy:
    limits: Limits
    duplicate_radius_m: int = 500
    duplicate_window_days: int = 30


DEFAULT_POLICY = Policy(limits=Limits())


def route_location(lon: float, lat: float) -> Jurisdiction | None:
    """The deepest jurisdiction (grid > street > district > city) containing (lon, lat) [WGS-84]."""
    level = Jurisdiction.objects.filter(parent__isnull=True)
    found = None
    while True:
        hit = next((j for j in level.only("id", "boundary", "path", "level", "name", "code")
                    if geojson_contains(j.boundary, lon, lat)), None)
        if hit is None:
            break
        found = hit
        level = Jurisdiction.objects.filter(parent_id=hit.id)
    return Jurisdiction.objects.get(pk=found.pk) if found is not None else None


def normalise_point(lon, lat, datum: str = "wgs84") -> tuple[float | None, float | None]:
    """A (lon, lat) in WGS-84 from user input (GCJ-02 accepted), or (None, None) when absent."""
    if lon in (None, "") or lat in (None, ""):
        return None, None
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError) as exc:
        raise field_error("lat", "经纬度格式错误", "latitude/longitude must be numbers") from exc
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise field_error("lat", "经纬度超出范围", "latitude/longitude out of range")
    return to_wgs84(lon, lat, datum)


def route(lon: float | None, lat: float | None, fallback: Jurisdiction | None = None) -> Jurisdiction:
    """The jurisdiction of a complaint: by location when given, else ``fallback``, else the city."""
    if lon is not None and lat is not None:
        found = route_location(lon, lat)
        if found is None:
            raise field_error("location", "该位置不在本市管辖范围内", "The location is outside the city's jurisdiction")
        return found
    if fallback is not None:
        return fallback
    root = Jurisdiction.objects.filter(parent__isnull=True).first()
    if root is None:
        raise field_error("jurisdiction", "尚未配置行政区划", "No jurisdiction is configured")
    return root


def policy_for(jurisdiction: Jurisdiction | None) -> Policy:
    """The nearest configured policy at or above ``jurisdiction``, else the legal defaults."""
    if jurisdiction is None:
        return DEFAULT_POLICY
    codes = [c for c in jurisdiction.path.split("/") if c]
    rows = sorted(ComplaintPolicy.objects.filter(jurisdiction__code__in=codes).select_related("jurisdiction"),
                  key=lambda p: len(p.jurisdiction.path), reverse=True)
    if not rows:
        return DEFAULT_POLICY
    p = rows[0]
    return Policy(
        limits=Limits(p.acceptance_days, p.finish_days, p.max_extension_days, p.due_soon_days),
        duplicate_radius_m=p.duplicate_radius_m,
        duplicate_window_days=p.duplicate_window_days,
    )


def new_tracking_code(day, rng=None) -> str:
    """"TS20260115-7KQ4MZ": date of receipt plus six random characters (not guessable)."""
    pick = rng.choice if rng is not None else secrets.choice
    return f"TS{day:%Y%m%d}-" + "".join(pick(CODE_ALPHABET) for _ in range(6))

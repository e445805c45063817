"""Overlays on a GCJ-02 tile layer: shift every coordinate at the edge, and the Web-Mercator
pixel of a point (to check that a shifted overlay lands on the tile's own pixel). Pure.

Data stay in WGS-84. When the optional tile layer is in GCJ-02 (Gaode-style tiles), the map
asks for its layers with ``datum=gcj02`` and each position is moved with the forward GCJ-02
transform just before it is sent, so overlay and tiles agree.
"""

from __future__ import annotations

import math
from typing import Any

from ecogov.core.geo import wgs84_to_gcj02

DATUMS = ("wgs84", "gcj02")


def _shift_coords(coords: Any) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        lon, lat = wgs84_to_gcj02(coords[0], coords[1])
        return [round(lon, 7), round(lat, 7)]
    return [_shift_coords(c) for c in coords]


def shift_geometry(geometry: dict | None) -> dict | None:
    if not geometry:
        return geometry
    return {**geometry, "coordinates": _shift_coords(geometry["coordinates"])}


def shift_collection(collection: dict[str, Any]) -> dict[str, Any]:
    """A copy of a FeatureCollection with every position in GCJ-02."""
    features = [{**f, "geometry": shift_geometry(f.get("geometry"))} for f in collection.get("features", [])]
    return {**collection, "features": features, "datum": "gcj02"}


def shift_point(lon: float, lat: float) -> tuple[float, float]:
    glon, glat = wgs84_to_gcj02(lon, lat)
    return round(glon, 7), round(glat, 7)


def pixel(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    """The global Web-Mercator pixel (256-pixel tiles) of (lon, lat) at ``zoom``."""
    scale = 256 * 2 ** zoom
    x = (lon + 180.0) / 360.0 * scale
    s = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale
    return int(x), int(y)

"""Server-side aggregation of point features per zoom level, so the map never receives
tens of thousands of markers. Pure (no Django).

Points are binned on a square grid whose cell is ``CELL_PX`` screen pixels wide at the
requested Web-Mercator zoom (256-pixel tiles: one pixel spans 360 / (256 * 2^zoom) degrees of
longitude). A cell holding more than one point becomes one cluster feature at the mean
position, with its count and the most common colour; lines and polygons pass through.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

CELL_PX = 60
#: Below this many points a layer is sent whole.
THRESHOLD = 500
#: From this zoom on, points are sent whole (street level).
MAX_CLUSTER_ZOOM = 16


def cell_deg(zoom: int) -> float:
    return CELL_PX * 360.0 / (256 * 2 ** zoom)


def cluster(collection: dict[str, Any], zoom: int, *, threshold: int = THRESHOLD) -> dict[str, Any]:
    features = collection.get("features", [])
    points = [f for f in features if (f.get("geometry") or {}).get("type") == "Point"]
    if len(points) <= threshold or zoom >= MAX_CLUSTER_ZOOM:
        return collection
    size = cell_deg(zoom)
    cells: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for f in points:
        lon, lat = f["geometry"]["coordinates"][:2]
        cells[(int(lon // size), int(lat // size))].append(f)
    out = [f for f in features if (f.get("geometry") or {}).get("type") != "Point"]
    for members in cells.values():
        out.append(members[0] if len(members) == 1 else _cluster_feature(members))
    return {**collection, "features": out, "clustered": True, "points": len(points)}


def _cluster_feature(members: list[dict]) -> dict[str, Any]:
    n = len(members)
    lon = sum(m["geometry"]["coordinates"][0] for m in members) / n
    lat = sum(m["geometry"]["coordinates"][1] for m in members) / n
    colour = Counter(m.get("properties", {}).get("colour", "#666") for m in members).most_common(1)[0][0]
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {"cluster": True, "count": n, "colour": colour, "name": str(n)}}

"""Hotspots of complaints: hexagon cells (``ecogov.core.hexgrid``) and places reported again and again
(pure, no Django)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ecogov.core.hexgrid import hex_centre, hex_of, hexbin

__all__ = ["hex_centre", "hex_of", "hexbin", "repeat_locations"]


def repeat_locations(points: Iterable[tuple[float, float, str]], cell_deg: float = 0.0005,
                     min_count: int = 3) -> list[dict]:
    """Places reported again and again: points snapped to a ``cell_deg`` grid (about 50 m), ``min_count`` or more.

    ``points`` are ``(lon, lat, label)``; each result has the mean position and the commonest label.
    """
    groups: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for lon, lat, label in points:
        if lon is None or lat is None:
            continue
        groups.setdefault((round(lon / cell_deg), round(lat / cell_deg)), []).append((lon, lat, label))
    out = []
    for rows in groups.values():
        if len(rows) >= min_count:
            labels = Counter(r[2] for r in rows if r[2])
            out.append({"count": len(rows), "lon": sum(r[0] for r in rows) / len(rows),
                        "lat": sum(r[1] for r in rows) / len(rows), "label": labels.most_common(1)[0][0] if labels else ""})
    return sorted(out, key=lambda d: -d["count"])

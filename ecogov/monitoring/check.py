"""Compare the published AQI (national publication) with the platform's own
real-time AQI for every ingested station-hour that has a published AQI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .models import POLLUTANTS, Reading
from .realtime import readings_aqi

CHUNK = 5000


@dataclass
class PublishedCheck:
    published: int = 0
    agree: int = 0
    differ: list[dict] = field(default_factory=list)
    primary_differ: list[dict] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"published: {self.published}, agree: {self.agree}, differ: {len(self.differ)}"


def published_aqi_check(
    *, start: dt.datetime | None = None, end: dt.datetime | None = None, station_codes: list[str] | None = None
) -> PublishedCheck:
    """Every station-hour with a published AQI, recomputed from its stored 1-hour values.

    A station-hour agrees when the AQI is equal; a differing primary pollutant
    (only where the publication gives one) is listed in ``primary_differ``.
    """
    qs = Reading.objects.filter(published_aqi__isnull=False).select_related("station").order_by("time", "station_id")
    if start is not None:
        qs = qs.filter(time__gte=start)
    if end is not None:
        qs = qs.filter(time__lte=end)
    if station_codes:
        qs = qs.filter(station__code__in=station_codes)
    out = PublishedCheck()
    last_id = 0
    base = qs.order_by("id").only("id", "time", "published_aqi", "published_primary", "station__code", *POLLUTANTS)
    while True:
        chunk = list(base.filter(id__gt=last_id)[:CHUNK])
        if not chunk:
            break
        last_id = chunk[-1].id
        for r, (aqi, primary) in zip(chunk, readings_aqi(chunk), strict=True):
            out.published += 1
            if aqi == r.published_aqi:
                out.agree += 1
                if r.published_primary and primary != r.published_primary:
                    out.primary_differ.append(_row(r, aqi, primary))
            else:
                out.differ.append(_row(r, aqi, primary))
    return out


def _row(r: Reading, aqi, primary) -> dict:
    return {
        "station": r.station.code, "time": r.time, "published_aqi": r.published_aqi,
        "published_primary": r.published_primary, "aqi": aqi, "primary": primary,
        "values": {p: getattr(r, p) for p in POLLUTANTS},
    }

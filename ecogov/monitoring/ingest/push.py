"""HTTP push adapter: JSON batches from stations and micro stations.

``POST /api/monitoring/push`` with header ``X-Station-Key: <key>`` (issued per
station, only its hash is stored) and the body::

    {"readings": [
        {"time": "2026-11-20T12:00:00+08:00", "pm25": 35, "pm10": 61, "no2": 20,
         "so2": 6, "co": 0.6, "o3": 48, "units": {"co": "mg/m3"}, "wd": 225, "ws": 2.4}
    ]}

``time`` is the END of the hour (ISO 8601; local time when no offset). ``wd`` (wind
direction, degrees from north, where the wind comes from) and ``ws`` (wind speed,
m/s) are optional (``ingest.wind``). Each
reading may name its ``station``; with a station key it must be that station.
The answer lists one result per reading (created / updated / unchanged /
rejected with the reason); re-sending a batch changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import wind
from .rows import Row

#: Accepted field names -> canonical names.
VARIABLE_MAP = {
    "so2": "so2", "no2": "no2", "co": "co", "o3": "o3", "pm10": "pm10", "pm25": "pm25", "pm2_5": "pm25",
    "pm2.5": "pm25",
}

MAX_ROWS = 5000


def rows_from_payload(readings: list[dict], default_station: str) -> Iterator[Row]:
    for i, rec in enumerate(readings, start=1):
        rec = rec if isinstance(rec, dict) else {}
        units = rec.get("units") if isinstance(rec.get("units"), dict) else {}
        yield Row(
            line=i,
            station=str(rec.get("station") or default_station),
            time=str(rec.get("time") or ""),
            values={VARIABLE_MAP[k.lower()]: v for k, v in rec.items() if k.lower() in VARIABLE_MAP},
            units={VARIABLE_MAP[k.lower()]: str(v) for k, v in units.items() if k.lower() in VARIABLE_MAP},
            wind=wind.pick(rec),
        )

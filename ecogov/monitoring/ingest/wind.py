"""Wind values that come with air readings (micro stations, generic files): checked and stored beside them.

Accepted names (any case): ``wd`` / ``wind_direction`` / ``风向`` for the direction the wind blows FROM
[degrees clockwise from north, 0-360; 360 is stored as 0] and ``ws`` / ``wind_speed`` / ``风速`` for
the speed [m/s, 0-75]. A value outside its range, or not a number, is refused with its reason (the
air values of the row are kept). The writer stores them in ``WindReading`` with one upsert per
batch, so sending the same data again changes nothing.
"""

from __future__ import annotations

from .rows import parse_number

#: Accepted names -> canonical wind names (docs/nomenclature.md).
VARIABLE_MAP = {
    "wd": "wd", "wind_direction": "wd", "winddirection": "wd", "风向": "wd",
    "ws": "ws", "wind_speed": "ws", "windspeed": "ws", "风速": "ws",
}
#: Upper bound of a plausible hourly mean wind speed [m/s] (above hurricane force, 32.7 m/s, with margin).
MAX_SPEED = 75.0


def pick(record: dict) -> dict[str, object]:
    """The wind cells of a record, by canonical name."""
    return {VARIABLE_MAP[str(k).strip().lower()]: v for k, v in record.items()
            if str(k).strip().lower() in VARIABLE_MAP}


def clean(raw: dict[str, object]) -> tuple[tuple[float | None, float | None] | None, dict[str, str]]:
    """``((direction, speed) or None when neither is given, reasons of refused values)``."""
    values: dict[str, float | None] = {"wd": None, "ws": None}
    invalid: dict[str, str] = {}
    for name, cell in raw.items():
        try:
            value = parse_number(cell)
        except (TypeError, ValueError):
            invalid[name] = f"not a number: {cell!r}"
            continue
        if value is None:
            continue
        if name == "wd" and not 0 <= value <= 360:
            invalid[name] = f"wind direction {value:g} outside 0-360 degrees"
        elif name == "ws" and not 0 <= value <= MAX_SPEED:
            invalid[name] = f"wind speed {value:g} outside 0-{MAX_SPEED:g} m/s"
        else:
            values[name] = value % 360 if name == "wd" else value
    if values["wd"] is None and values["ws"] is None:
        return None, invalid
    return (values["wd"], values["ws"]), invalid


"""Disposal rates (pure): the in-city share of hazardous waste collected, and the share of disused
radioactive sources sent to storage."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict


class InCity(TypedDict):
    """Tonnes collected, tonnes handled in the city [t], and the rate [%, 0.1; None without tonnes]."""

    tonnes: Decimal
    in_city: Decimal
    rate: Decimal | None


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def in_city_rate(rows: Iterable[tuple[Decimal, bool]]) -> InCity:
    """``rows``: ``(tonnes, handled in the city)`` per collection record. The rate is the tonnes
    handled by a licensed handler inside the city over all tonnes collected [%, 0.1]."""
    total, inside = Decimal(0), Decimal(0)
    for tonnes, in_city in rows:
        total += Decimal(tonnes)
        if in_city:
            inside += Decimal(tonnes)
    return {"tonnes": total, "in_city": inside, "rate": _percent(inside, total)}


def storage_rate(stored: int, disused: int) -> Decimal | None:
    """Disused sources sent to storage over all disused sources (stored + still waiting) [%, 0.1]."""
    return _percent(Decimal(stored), Decimal(stored + disused))

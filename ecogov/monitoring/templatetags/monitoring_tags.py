"""Display of concentrations as published: integers [µg/m³], CO to 0.1 [mg/m³]
(GB/T 8170 half-to-even, as HJ 633-2026 §4.2.2 rounds them); "—" when missing."""

from django import template

from ecogov.standards import round_half_even

register = template.Library()


@register.filter
def conc(value, pollutant: str = "") -> str:
    """``{{ reading.pm25|conc:"pm25" }}`` -> "32"; ``{{ reading.co|conc:"co" }}`` -> "0.7"."""
    if value is None or value == "":
        return "—"
    digits = 1 if str(pollutant).startswith("co") else 0
    rounded = round_half_even(value, digits)
    return f"{float(rounded):.{digits}f}"


#: Display names of the canonical pollutants (docs/nomenclature.md).
POLLUTANT_LABELS = {"so2": "SO₂", "no2": "NO₂", "co": "CO", "o3": "O₃", "pm10": "PM10", "pm25": "PM2.5"}


@register.filter
def pollutant_label(name: str) -> str:
    """``{{ "pm25"|pollutant_label }}`` -> "PM2.5"."""
    return POLLUTANT_LABELS.get(name, name)

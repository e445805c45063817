"""Concentrations are shown as published: integers, CO to one decimal, half to even."""

from ecogov.monitoring.templatetags.monitoring_tags import conc


def test_concentration_display():
    assert conc(32.0, "pm25") == "32"
    assert conc(32.5, "pm25") == "32"  # half to even (GB/T 8170)
    assert conc(33.5, "pm10") == "34"
    assert conc(0.75, "co") == "0.8" and conc(0.65, "co") == "0.6"
    assert conc(None, "so2") == "—"

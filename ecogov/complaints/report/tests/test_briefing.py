"""The complaints' briefing section (the monthly report's content) for one district, by hand."""

import datetime as dt

import pytest

from ecogov.complaints.report.briefing import build

from .test_report import add

pytestmark = pytest.mark.django_db


def test_section_of_district_a(cats, tree, admin_user):
    add(cats, tree, "air-dust", 2026, 1, 5)
    add(cats, tree, "air-dust", 2026, 2, 3, status="closed", accepted=(2026, 2, 4), closed=(2026, 2, 14),
        finish_due=dt.date(2026, 4, 5), outcome="substantiated")
    add(cats, tree, "air-odour", 2026, 2, 10, grid="grid_b", lon=115.7)  # district B: not in A's section
    add(cats, tree, "noise-construction", 2026, 2, 20, lon=115.2004)
    for month in (1, 2, 2, 2):
        add(cats, tree, "air-industrial", 2025, month, 8)
    add(cats, tree, "noise-traffic", 2025, 1, 8)
    add(cats, tree, "noise-traffic", 2025, 2, 8)
    add(cats, tree, "water", 2026, 1, 2, status="closed", accepted=(2026, 1, 3), closed=(2026, 2, 17),
        finish_due=dt.date(2026, 2, 10), outcome="partly")
    sec = build(admin_user, jurisdiction=tree["district_a"], start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28))
    v = {k: f["value"] for k, f in sec["figures"].items()}
    # district A, February: 3 Feb and 20 Feb = 2; January-February: + 5 Jan and 2 Jan = 4; 2025: 6 -> -33.3 %
    # closed: 14 Feb (10 days, on time) and 17 Feb (45 days, late): 2 closed, mean 27.5 days, 50 % on time
    assert (v["month"], v["ytd"], v["ytd_yoy"], v["closed"], v["mean_days"], v["on_time"]) == (
        2, 4, -33.3, 2, 27.5, 50.0)
    assert sec["figures"]["ytd_yoy"]["text"] == "-33.3%"
    assert [t["title"] for t in sec["tables"]] == ["信访投诉按类别统计及同比", "信访投诉按区县统计"]
    assert sec["charts"][0]["kind"] == "hexmap" and sec["charts"][0]["series"][0]["values"] == [2.0]

"""The official water assessment on hand-made samples (conftest.water_city), classes by GB 3838 Table 1."""

from __future__ import annotations

import pytest

from ecogov.assessment import water


def _by_code(rows):
    return {r.code: r for r in rows}


def test_section_class_on_period_means_and_target(water_city, admin_user):
    rows = _by_code(water.evaluate_sites(admin_user, year=2025, period="ytd", today=water_city["today"]))
    s1, s2, s3 = rows["S1"], rows["S2"], rows["S3"]
    # S1 NH3-N (0.5 + 1.3 + 1.2) / 3 = 1.0 -> Class III (<= 1.0), TP 0.1 -> II, DO 7 -> II: class III, target III
    assert s1.n_samples == 3 and s1.means["nh3n"] == pytest.approx(1.0)
    assert s1.klass == 3 and s1.compliant is True and s1.main_pollutants == ()
    # S2 CODMn 6.5 -> IV (6 < x <= 10), target II: not met; multiple (6.5 - 6) / 6 = 0.0833
    assert s2.klass == 4 and s2.compliant is False
    assert s2.main_pollutants[0][0] == "codmn" and s2.main_pollutants[0][1] == pytest.approx(0.5 / 6)
    # S3 NH3-N 2.5 > 2.0 -> 劣V; the year before 0.4 -> II
    assert s3.klass == 6 and s3.previous_klass == 2


def test_per_level_good_water_ratio_and_bad_count(water_city, admin_user):
    results = water.evaluate_sites(admin_user, year=2025, today=water_city["today"])
    levels = {s["level"]: s for s in water.level_summary(results)}
    # national: S1 (III) good, S2 (IV) not: 1 of 2 = 50 %; provincial: S3 劣V: 0 of 1, one 劣V
    assert (levels["national"]["good"], levels["national"]["evaluated"], levels["national"]["bad"]) == (1, 2, 0)
    assert levels["national"]["good_ratio"] == pytest.approx(50.0)
    assert (levels["provincial"]["good"], levels["provincial"]["bad"]) == (0, 1)
    assert levels[""]["good_ratio"] == pytest.approx(100 / 3) and levels[""]["meeting_target"] == 1
    assert "city" not in levels  # no city-level section


def test_rivers_by_item_means_below_five_sections(water_city, admin_user):
    results = water.evaluate_sites(admin_user, year=2025, today=water_city["today"])
    rivers = {(r["kind"], r["name"]): r for r in water.rivers(results)}
    qinghe = rivers[("river", "清河")]
    # two sections (< 5): item means over the sections: NH3-N (1.0 + 0.4) / 2 = 0.7 (III), CODMn 6.5 (IV) -> IV
    assert qinghe["method"] == "mean" and qinghe["status"] == "轻度污染"
    basin = rivers[("basin", "赣江流域")]
    assert basin["sections"] == 3


def test_drinking_water_sources_need_table_2_items_too(water_city, admin_user):
    rows = _by_code(water.evaluate_sites(admin_user, year=2025, kind="source", today=water_city["today"]))
    # both Class II by NH3-N 0.3 and DO 7; D2's nitrate 12 > 10 mg/L (GB 3838 Table 2) fails it
    assert rows["D1"].klass == 2 and rows["D1"].compliant is True
    assert rows["D2"].klass == 2 and rows["D2"].compliant is False
    assert water.sources_summary(list(rows.values()))["compliant"] == 1


def test_water_pages_and_api(water_city, admin_user, client_for):
    client = client_for(admin_user)
    page = client.get("/assessment/water/?year=2025&period=year")
    assert page.status_code == 200 and "清河1号" in page.content.decode()
    assert client.get("/assessment/water/?year=2025&export=xlsx")["Content-Type"].startswith("application/vnd")
    assert client.get("/assessment/water/drinking/?year=2025").status_code == 200
    body = client.get("/api/assessment/water?year=2025&period=year&level=national").json()
    assert {s["code"] for s in body["sections"]} == {"S1", "S2"}
    assert {lv["level"]: lv["bad"] for lv in body["levels"]}["provincial"] == 1
    src = client.get("/api/assessment/water/drinking?year=2025").json()
    assert src["summary"] == {"sources": 2, "evaluated": 2, "compliant": 1, "ratio": 50.0}

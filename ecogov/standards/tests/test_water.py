"""GB 3838-2002 classes, 2011 evaluation method, TLI and the §14 publication practice."""

from __future__ import annotations

import csv

import pytest

from ecogov.standards import (
    drinking_water_supplementary,
    publication_class,
    river_evaluation,
    section_class,
    target_compliance,
    tli,
    water_item_class,
)
from ecogov.standards.water_eval import display_value, is_lake_name, trophic_grade, water_exceedance_multiple


def test_item_classes_edges():
    assert water_item_class("do", "7.5") == 1 and water_item_class("do", 1.99) == 6
    assert water_item_class("tp", 0.025, waterbody="lake") == 2
    assert water_item_class("tp", 0.025, waterbody="river") == 2
    assert water_item_class("tp", 0.021, waterbody="river") == 2
    assert water_item_class("tp", 0.011, waterbody="reservoir") == 2
    assert water_item_class("tn", 1.2, waterbody="lake") == 4
    assert water_item_class("ph", 5.99) == 6
    with pytest.raises(ValueError):
        water_item_class("water_temp", 20)


def test_section_grade_and_main_pollutants():
    values = {"ph": 7.5, "do": 4, "codmn": 12, "nh3n": 2.4, "tp": 0.5, "cod": 25}
    r = section_class(values)
    # classes: DO IV, CODMn V, NH3-N 劣V, TP 劣V, COD IV -> 劣V, 重度污染
    assert r.klass == 6 and r.grade == "重度污染"
    # multiples over Class III: NH3-N (2.4-1)/1 = 1.4; TP (0.5-0.2)/0.2 = 1.5; CODMn (12-6)/6 = 1.0; COD 0.25
    assert [k for k, _ in r.main_pollutants] == ["tp", "nh3n", "codmn"]
    assert r.main_pollutants[0][1] == pytest.approx(1.5)
    assert water_exceedance_multiple("do", 1) is None
    assert target_compliance(r.klass, 3) is False and target_compliance(3, 3) is True


def test_tn_is_reference_only_unless_asked():
    values = {"do": 8, "codmn": 3, "nh3n": 0.3, "tp": 0.02, "tn": 1.8}
    assert section_class(values, waterbody="lake").klass == 2
    assert section_class(values, waterbody="lake").tn_class == 5
    assert section_class(values, waterbody="lake", include_tn=True).klass == 5
    assert section_class(values, waterbody="river", include_tn=True).klass == 2


def test_drinking_water_supplementary():
    r = drinking_water_supplementary({"sulfate": 250, "chloride": 251, "nitrate": "9.9", "fe": 0.31})
    assert r == {"sulfate": True, "chloride": False, "nitrate": True, "fe": False, "mn": None}


def _codmn_section(klass):
    # CODMn values inside each class: II 3, III 5, IV 8, V 12, 劣V 20 (other items class I)
    return {"do": 8, "nh3n": 0.1, "codmn": {2: 3, 3: 5, 4: 8, 5: 12, 6: 20}[klass]}


def test_basin_evaluation_by_shares():
    sections = [_codmn_section(k) for k in (2, 2, 3, 3, 3, 3, 3, 4, 5, 6)]
    r = river_evaluation(sections)
    # I-III share 7/10 = 70 % < 75 %, 劣V share 1/10 = 10 % < 20 % -> 轻度污染
    assert (r.method, r.share_good, r.share_bad, r.status) == ("shares", 0.7, 0.1, "轻度污染")
    assert r.class_counts == {2: 2, 3: 5, 4: 1, 5: 1, 6: 1}
    # 9 of 10 in I-III -> 90 % -> 优 ; 8 of 10 -> 80 % -> 良好
    assert river_evaluation([_codmn_section(2)] * 9 + [_codmn_section(6)]).status == "优"
    assert river_evaluation([_codmn_section(3)] * 8 + [_codmn_section(4)] * 2).status == "良好"
    # 2 good, 3 劣V of 5: 40 % good < 75 %, 劣V 60 % >= 40 % -> 重度污染; 1 of 5 劣V (20 %) -> 中度污染
    assert river_evaluation([_codmn_section(3)] * 2 + [_codmn_section(6)] * 3).status == "重度污染"
    assert river_evaluation([_codmn_section(4)] * 4 + [_codmn_section(6)]).status == "中度污染"


def test_river_evaluation_by_means_under_five_sections():
    sections = [{"nh3n": 0.4, "do": 6}, {"nh3n": 1.2, "do": 4}, {"nh3n": 0.8, "do": 5}]
    r = river_evaluation(sections)
    # means: NH3-N (0.4 + 1.2 + 0.8)/3 = 0.8 -> III; DO (6 + 4 + 5)/3 = 5 -> III => 良好
    assert (r.method, r.mean_class, r.status) == ("mean", 3, "良好")


def test_tli_hand_worked():
    r = tli({"chla": 1, "tp": 1, "tn": 1, "sd": 1, "codmn": 1})
    # ln 1 = 0: TLI(j) = 10 a_j = 25, 94.36, 54.53, 51.18, 1.09; weights r^2/3.7558
    # (25 + 94.36*0.7056 + 54.53*0.6724 + 51.18*0.6889 + 1.09*0.6889)/3.7558 = 164.255191/3.7558 = 43.7337
    assert r.tli == pytest.approx(164.255191 / 3.7558, abs=1e-9)
    assert r.grade == "中营养"
    assert [trophic_grade(x) for x in (29.9, 30, 50, 50.1, 60.1, 70.1)] == [
        "贫营养",
        "中营养",
        "中营养",
        "轻度富营养",
        "中度富营养",
        "重度富营养",
    ]


def test_lake_by_water_body_name():
    assert is_lake_name("鄱阳湖") and is_lake_name("石门水库（褒河）") and is_lake_name("白洋淀")
    assert not is_lake_name("海河") and not is_lake_name("小清河")
    assert display_value("0.0301", 3) == "0.030" and display_value("0.0125", 3) == "0.012"


def test_surface_water_publication_reproduced(data_dir):
    checked = 0
    with open(data_dir / "surface_water_realtime_sample.csv", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            klass = publication_class(row, water_body_name=row["river"], status=row["station_status"])
            published = int(row["published_class"]) if row["published_class"] else None
            assert klass == published, f"line {line}: {row['river']} {row['section']}"
            checked += published is not None
    assert checked == 293

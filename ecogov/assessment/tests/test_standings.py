"""The province ranking (ties, rank change), the home cards and the briefing section."""

from __future__ import annotations

import pytest

from ecogov.assessment import selectors
from ecogov.assessment.models import PeerCityAir


@pytest.fixture
def peers(air_city):
    for year, values in ((2025, {"甲市": 3.00, "乙市": 3.07, "丙市": 3.50}), (2024, {"甲市": 2.50, "乙市": 2.60, "丙市": 2.70})):
        for city, c in values.items():
            PeerCityAir.objects.create(year=year, month=1, city=city, composite=c, pm25=30, good_ratio=90)
    return air_city


def test_province_ranking_with_ties_and_rank_change(peers, admin_user):
    rows = {r["city"]: r for r in selectors.province_ranking(admin_user, year=2025, today=peers["today"])}
    own = rows["测试市"]
    # this city: 38/35 + 40/70 + 10/60 + 20/40 + 0.5/4 + 100/160 = 3.0738 -> 3.07, tied with 乙市 for 2nd
    assert own["composite"] == 3.07 and own["is_self"]
    assert [rows[c]["rank"] for c in ("甲市", "测试市", "乙市", "丙市")] == [1, 2, 2, 4]
    # 2024: this city (PM2.5 20) 2.56 was 2nd after 甲市 2.50; 乙市 2.60 3rd -> up one place now
    assert own["rank_previous"] == 2 and own["rank_change"] == 0 and rows["乙市"]["rank_change"] == 1


def test_briefing_section_figures_are_traceable(peers, admin_user):
    import datetime as dt

    sec = selectors.briefing_section(admin_user, jurisdiction=None, start=dt.date(2025, 1, 1), end=peers["today"])
    assert not sec["empty"]
    figures = sec["figures"]
    assert figures["pm25"]["value"] == 38 and figures["rank"]["value"] == 2 and figures["n_cities"]["value"] == 4
    assert figures["pm25"]["url"] == "/assessment/air/" and figures["pm25"]["rows"] == 10
    assert sec["tables"][0]["rows"][0][1] == "甲市"


def test_briefing_without_data_says_so(tree, admin_user):
    import datetime as dt

    sec = selectors.briefing_section(admin_user, jurisdiction=None, start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 31))
    assert sec["empty"] is True and sec["figures"] == {}


def test_home_cards(air_city, admin_user):
    from django.utils import timezone

    from .conftest import days, put_daily

    today = timezone.localdate()  # the cards show the year to date of the newest data (here: today)
    put_daily(air_city["a"], days(today.replace(month=1, day=1), 5), [20] * 5, [40] * 5)
    PeerCityAir.objects.create(year=today.year, month=today.month, city="甲市", composite=1.0)
    PeerCityAir.objects.create(year=today.year, month=today.month, city="乙市", composite=9.0)
    cards = selectors.home_cards(admin_user)
    # the city's composite lies between 1.0 and 9.0: 2nd of 3
    assert cards[0]["value"] == "第 2 / 3" and cards[0]["url"] == "/assessment/air/"


def test_a_districts_briefing_adds_its_rank_among_districts(peers, admin_user):
    import datetime as dt

    sec = selectors.briefing_section(admin_user, jurisdiction=peers["district_a"], start=dt.date(2025, 1, 1),
                                     end=peers["today"])
    # district A (PM2.5 55) ranks 2nd of 2 behind district B (PM2.5 20)
    assert sec["figures"]["district_pm25"]["value"] == 55 and sec["figures"]["district_rank"]["value"] == 2
    assert sec["figures"]["n_districts"]["value"] == 2 and "{district_rank}" in sec["paragraphs"][1]

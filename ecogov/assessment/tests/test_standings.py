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


def test_national_ranking_is_a_separate_peer_group_with_its_own_rank_change(peers, admin_user):
    # 44 key cities besides this one. 2025: K01-K04 at 3.00 beat this city (3.07), K05-K44 at 3.50 do
    # not -> this city 5th of 45. 2024: K01-K37 at 2.50 beat this city (2.56), K38-K44 at 2.70 do not
    # -> 38th. Up 38 - 5 = 33 places.
    names = [f"K{i:02d}" for i in range(1, 45)]
    for i, name in enumerate(names):
        PeerCityAir.objects.create(group="national", year=2025, month=1, city=name, composite=3.00 if i < 4 else 3.50)
        PeerCityAir.objects.create(group="national", year=2024, month=1, city=name, composite=2.50 if i < 37 else 2.70)
    rows = {r["city"]: r for r in selectors.national_ranking(admin_user, year=2025, today=peers["today"])}
    own = rows["测试市"]
    assert len(rows) == 45 and "甲市" not in rows
    assert (own["rank"], own["rank_previous"], own["rank_change"]) == (5, 38, 33)
    # K05: tied with 39 others at 3.50 behind 5 cities -> 6th; 2024 tied 1st with 36 others -> down 5
    assert (rows["K05"]["rank"], rows["K05"]["rank_previous"], rows["K05"]["rank_change"]) == (6, 1, -5)
    # the province group does not see the national rows: still 2nd of 4 as above
    province = {r["city"]: r for r in selectors.province_ranking(admin_user, year=2025, today=peers["today"])}
    assert len(province) == 4 and province["测试市"]["rank"] == 2


def test_national_ranking_page_and_api(peers, admin_user, client_for):
    admin_client = client_for(admin_user)
    for i in range(3):  # every month: the page's period ends at the newest stored hour, not the fixture's day
        for month in range(1, 13):
            PeerCityAir.objects.create(group="national", year=2025, month=month, city=f"K{i}", composite=2.0 + i)
    page = admin_client.get("/assessment/air/national/?year=2025")
    assert page.status_code == 200 and "K2" in page.content.decode()
    api = admin_client.get("/api/assessment/air/national?year=2025").json()
    # 3.07 lies between K1 (3.0) and K2 (4.0): 3rd of 4
    assert [r["city"] for r in api] == ["K0", "K1", "测试市", "K2"] and api[2]["rank"] == 3


@pytest.mark.parametrize(("now", "before"), [(3.36, 3.63), (3.07, 2.56), (2.1, 4.4)])
def test_demo_national_figures_put_the_city_7th_of_168_up_33(now, before):
    from ecogov.assessment import demo_national
    from ecogov.standards import rank_with_ties

    rows = demo_national.rows(year=2026, month=11, now=now, before=before, taken={"测试市"})
    assert len({r.city for r in rows}) == 167 and "测试市" not in {r.city for r in rows}
    for year, own, expected in ((2026, now, 7), (2025, before, 40)):
        values = {r.city: r.composite for r in rows if r.year == year and r.month == 11}
        values["测试市"] = own
        assert rank_with_ties(values, ascending=True)["测试市"] == expected

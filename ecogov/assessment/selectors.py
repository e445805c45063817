"""Assessment reads for pages, API, exports, home cards and briefings (restricted by user)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from ecogov.core import briefing
from ecogov.monitoring import selectors as monitoring
from ecogov.standards import rank_with_ties
from ecogov.standards.ranking import rank_change

from . import air, water
from .models import PeerCityAir


def default_year(today: dt.date | None = None) -> int:
    return (today or monitoring.latest_day()).year


def province_ranking(user, *, year: int, period: str = "ytd", today: dt.date | None = None) -> list[dict]:
    """This city among the province's cities (see ``city_ranking``)."""
    return city_ranking(user, year=year, period=period, today=today, group="province")


def national_ranking(user, *, year: int, period: str = "ytd", today: dt.date | None = None) -> list[dict]:
    """This city among the 168 key cities nationwide (see ``city_ranking``)."""
    return city_ranking(user, year=year, period=period, today=today, group="national")


def city_ranking(user, *, year: int, period: str = "ytd", today: dt.date | None = None,
                 group: str = "province") -> list[dict]:
    """This city (computed) among the comparison cities of ``group`` (published figures through the
    same month), ranked by composite index (best first, ties shared), with the rank of the same period
    last year."""
    today = today or monitoring.latest_day()
    own = air.city_result(user, year=year, period=period, today=today)
    if own is None:
        return []
    month = own.end.month
    peers = PeerCityAir.objects.for_user(user).filter(group=group, month=month)
    rows = {p.city: {"city": p.city, "composite": p.composite, "pm25": p.pm25, "good_ratio": p.good_ratio,
                     "source": p.source, "is_self": False}
            for p in peers.filter(year=year)}
    before = {p.city: p.composite for p in peers.filter(year=year - 1)}
    rows[own.name] = {"city": own.name, "composite": own.composite, "pm25": own.pm25, "good_ratio": own.good_ratio,
                      "source": "本平台计算（HJ 663）", "is_self": True}
    if own.previous is not None:
        before[own.name] = own.previous.composite  # type: ignore[assignment]
    ranks = rank_with_ties({k: r["composite"] for k, r in rows.items()}, ascending=True)
    ranks_before = rank_with_ties({k: v for k, v in before.items() if k in rows}, ascending=True)
    for k, r in rows.items():
        r["rank"], r["rank_previous"] = ranks.get(k), ranks_before.get(k)
        r["rank_change"] = rank_change(r["rank_previous"], r["rank"])
    return sorted(rows.values(), key=lambda r: (r["rank"] is None, r["rank"] or 0, r["city"]))


def _own(rows: list[dict]) -> dict | None:
    return next((r for r in rows if r["is_self"]), None)


def home_cards(user) -> list[dict]:
    if not monitoring.assessment_stations(user):
        return []
    year = default_year()
    rows = province_ranking(user, year=year)
    own = _own(rows)
    cards = []
    if own and own["rank"]:
        note = "综合指数 " + (f"{own['composite']:.2f}" if own["composite"] is not None else "—")
        if own["rank_change"]:
            note += f"，较上年同期{'上升' if own['rank_change'] > 0 else '下降'} {abs(own['rank_change'])} 位"
        cards.append({"label": "全省城市空气质量排名（年累计）", "value": f"第 {own['rank']} / {len(rows)}",
                      "url": reverse("assessment:air"), "note": note})
    sections = water.evaluate_sites(user, year=year)
    summary = water.level_summary(sections)
    national = next((s for s in summary if s["level"] == "national"), None)
    if national and national["good_ratio"] is not None:
        cards.append({"label": "国考断面优良比例（年累计）", "value": f"{national['good_ratio']:.1f}%",
                      "url": reverse("assessment:water"), "note": f"劣Ⅴ类 {national['bad']} 个"})
    return cards


def _air_figures(own: air.AirResult, ranks: list[dict], url: str) -> dict:
    city_rank = _own(ranks) or {}
    rule = "HJ 663：评价点位日均值的城市均值；优良天 = 日 AQI ≤ 100"
    return {
        "pm25": briefing.figure(own.pm25, label="PM2.5 平均浓度", unit="µg/m³", url=url, rule=rule, rows=own.valid_days),
        "pm25_change": briefing.figure(own.change("pm25_pct"), label="PM2.5 同比变化", unit="%", url=url, digits=1),
        "good_ratio": briefing.figure(own.good_ratio, label="优良天数比例", unit="%", url=url, rule=rule, digits=1,
                                      rows=own.valid_days),
        "heavy": briefing.figure(own.heavy_days, label="重污染天数", unit="天", url=url),
        "rank": briefing.figure(city_rank.get("rank"), label="全省排名", url=url,
                                rule="综合指数由低到高排名，并列同名次", rows=len(ranks)),
        "n_cities": briefing.figure(len(ranks), label="参评城市", unit="个", url=url),
    }


def _district_paragraph(user, jurisdiction, year: int, end: dt.date, figures: dict, paragraphs: list) -> None:
    """For a district's briefing: its own PM2.5 and good-day ratio and its rank among the districts."""
    if jurisdiction is None or jurisdiction.level != "district":
        return
    rows = air.assessment(user, year=year, period="ytd", level="district", today=end)
    mine = next((r for r in rows if r.key == jurisdiction.pk), None)
    if mine is None or mine.rank is None:
        return
    url = reverse("assessment:air") + "?level=district"
    figures["district_pm25"] = briefing.figure(mine.pm25, label=f"{mine.name} PM2.5", unit="µg/m³", url=url,
                                               rows=mine.valid_days)
    figures["district_good"] = briefing.figure(mine.good_ratio, label=f"{mine.name}优良天数比例", unit="%",
                                               url=url, digits=1)
    figures["district_rank"] = briefing.figure(mine.rank, label="区县排名", url=url, rows=len(rows),
                                               rule="综合指数由低到高排名，并列同名次")
    figures["n_districts"] = briefing.figure(len(rows), label="区县数", unit="个", url=url)
    paragraphs.append(f"{mine.name} PM2.5 平均浓度 {{district_pm25}} µg/m³，优良天数比例 {{district_good}}%，"
                      "在全市 {n_districts} 个区县中排名第 {district_rank}。")


def briefing_section(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    """Air and water standings of the year to ``end``."""
    year = end.year
    own = air.city_result(user, year=year, period="ytd", today=end)
    sections = water.evaluate_sites(user, year=year, today=end)
    if own is None or not own.valid_days:
        return briefing.no_data("环境质量考核排名", "本期无空气质量数据")
    ranks = province_ranking(user, year=year, today=end)
    figures = _air_figures(own, ranks, reverse("assessment:air"))
    paragraphs = ["1月1日至今，全市 PM2.5 平均浓度 {pm25} µg/m³，同比 {pm25_change}%；优良天数比例 {good_ratio}%，"
                  "重污染 {heavy} 天；在全省 {n_cities} 个城市中排名第 {rank}。"]
    _district_paragraph(user, jurisdiction, year, end, figures, paragraphs)
    summary = water.level_summary(sections)
    allsec = next((s for s in summary if s["level"] == ""), None)
    if allsec and allsec["evaluated"]:
        url = reverse("assessment:water")
        figures["water_good"] = briefing.figure(allsec["good_ratio"], label="断面优良比例", unit="%", url=url, digits=1,
                                                rule="单因子评价，期间均值；Ⅰ～Ⅲ类断面占比", rows=allsec["evaluated"])
        figures["water_bad"] = briefing.figure(allsec["bad"], label="劣Ⅴ类断面", unit="个", url=url)
        paragraphs.append("地表水考核断面水质优良（Ⅰ～Ⅲ类）比例 {water_good}%，劣Ⅴ类断面 {water_bad} 个。")
    table = briefing.table("全省城市空气质量排名", ["排名", "城市", "综合指数", "PM2.5", "优良天数比例(%)"],
                           [[r["rank"], r["city"], r["composite"], r["pm25"], r["good_ratio"]] for r in ranks],
                           url=reverse("assessment:air"))
    return briefing.section("环境质量考核排名", paragraphs=paragraphs, figures=figures, tables=[table],
                            coverage=own.capture / 100.0)

"""Monitoring's briefing sections: air quality (the period and the year to date, good-day
ratio, PM2.5 and its change, the six parameters against GB 3095 Grade II, district and
station rankings with the rank change) and water quality (sections by level, drinking water).

Both are public (aggregate environmental quality): the public bulletin takes them.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from ecogov.core import briefing as b
from ecogov.standards import gb3095

from . import selectors, water
from .choices import SectionLevel, WarningLevel, WarningStatus
from .models import DrinkingWaterSource, Station, WaterSection
from .rollups import period_stats, shift_year, year_on_year

AIR = "环境空气质量"
WATER = "水环境质量"
WARNINGS = "重污染天气预警"
#: (key in the statistics, label, GB 3095 averaging period of the annual evaluation, unit)
SIX = (("pm25", "PM2.5", "annual", "μg/m³"), ("pm10", "PM10", "annual", "μg/m³"), ("so2", "SO2", "annual", "μg/m³"),
       ("no2", "NO2", "annual", "μg/m³"), ("co", "CO（第95百分位）", "24h", "mg/m³"),
       ("o3", "O3（日最大8小时第90百分位）", "8h", "μg/m³"))


def _stations(user, j) -> list[int]:
    """The area's evaluation stations (national/provincial/city, not micro), read as ``user`` may."""
    qs = Station.objects.for_user(user).filter(active=True, jurisdiction__path__startswith=j.path)
    ids = list(qs.filter(is_evaluation=True).values_list("id", flat=True))
    return ids or list(qs.exclude(kind="micro").values_list("id", flat=True))


def _six_table(stats: dict, end: dt.date) -> dict:
    rows = []
    for key, label, period, unit in SIX:
        value = stats.get(key)
        lim = float(gb3095.limit(key, period, grade=2, date=end))
        ok = None if value is None else value <= lim
        rows.append([label, b.number_text(value), f"{lim:g}", unit, "—" if ok is None else ("达标" if ok else "超标")])
    return b.table("六项参数与国家二级标准对比（年初至今）", ["项目", "浓度", "二级标准限值", "单位", "评价"], rows,
                   url=reverse("monitoring:city_report"), rule="GB 3095 Grade II; CO and O3 as percentiles (HJ 663)")


def _district_rank(j, start: dt.date, end: dt.date) -> tuple[dict | None, list[dict]]:
    city = j if j.parent_id is None else j.parent
    rows = selectors.district_ranking(city, start, end)
    before = {r["district"].pk: r["rank"] for r in selectors.district_ranking(city, shift_year(start), shift_year(end))}
    mine = next((r for r in rows if r["district"].pk == j.pk), None)
    table = [[r["rank"] or "—", r["district"].name, b.number_text(r["stats"].composite, 2),
              b.number_text(r["stats"].pm25), b.number_text(r["stats"].good_ratio),
              _rank_change(before.get(r["district"].pk), r["rank"])] for r in rows]
    return mine, table


def _rank_change(before: int | None, now: int | None) -> str:
    if before is None or now is None:
        return "—"
    return "持平" if before == now else (f"上升{before - now}位" if now < before else f"下降{now - before}位")


def _pm25_chart(ids: list[int], end: dt.date) -> dict:
    labels, now, before = [], [], []
    for m in range(1, end.month + 1):
        s = dt.date(end.year, m, 1)
        e = min(end, (s.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1))
        labels.append(f"{m}月")
        now.append(period_stats(ids, s, e).pm25)
        before.append(period_stats(ids, shift_year(s), shift_year(e)).pm25)
    return b.chart("PM2.5 月均浓度", labels, [{"name": str(end.year), "values": now},
                                          {"name": str(end.year - 1), "values": before}], unit="μg/m³")


def _air_figures(period: dict, ytd: dict, url: str) -> dict:
    p, y = period["current"], ytd["current"]
    span = f"{p.start}~{p.end}"
    return {
        "good_ratio": b.figure(_r1(p.good_ratio), label="优良天数比例", unit="%", url=url, rows=p.valid_days,
                               rule=f"days with AQI <= 100 / valid days, {span} (HJ 633, HJ 663)"),
        "good_days": b.figure(p.good_days, label="优良天数", unit="天", url=url, rows=p.valid_days, rule=span),
        "valid_days": b.figure(p.valid_days, label="有效监测天数", unit="天", url=url, rule=span),
        "pm25": b.figure(p.pm25, label="PM2.5 平均浓度", unit="μg/m³", url=url, rows=p.valid_days,
                         rule=f"mean of the area's daily means {span}"),
        "pm25_change_pct": b.figure(period["pm25_change_pct"], label="PM2.5 同比", unit="%",
                                    text=_signed(period["pm25_change_pct"]), url=url, rule="against the same days a year before"),
        "ytd_good_ratio": b.figure(_r1(y.good_ratio), label="年初至今优良天数比例", unit="%", url=url, rows=y.valid_days,
                                   rule=f"{y.start}~{y.end}"),
        "ytd_pm25": b.figure(y.pm25, label="年初至今 PM2.5 平均浓度", unit="μg/m³", url=url, rule=f"{y.start}~{y.end}"),
        "ytd_pm25_change": b.figure(ytd["pm25_change"], label="PM2.5 同比变化", unit="μg/m³",
                                    text=_signed(ytd["pm25_change"]), url=url, rule="µg/m³ against the same days a year before"),
        "ytd_pm25_change_pct": b.figure(ytd["pm25_change_pct"], label="年初至今 PM2.5 同比", unit="%",
                                        text=_signed(ytd["pm25_change_pct"]), url=url, rule="against the same days a year before"),
    }


def _r1(value: float | None) -> float | None:
    """A ratio as published: one decimal."""
    return None if value is None else round(value, 1)


def _signed(value) -> str:
    return "—" if value is None else f"{value:+.1f}"


def air(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    ids = _stations(user, jurisdiction)
    period = year_on_year(ids, start, end) if ids else None
    if period is None or not period["current"].valid_days:
        return b.no_data(AIR)
    ytd = year_on_year(ids, start.replace(month=1, day=1), end)
    url = reverse("monitoring:city_report") + f"?year={end.year}&month={end.month}"
    figures = _air_figures(period, ytd, url)
    paragraphs = [
        "本期环境空气优良天数比例为{good_ratio}%（有效监测{valid_days}天，优良{good_days}天），"
        "PM2.5平均浓度{pm25}微克/立方米，同比{pm25_change_pct}%。",
    ]
    if (start.month, start.day) != (1, 1):  # a period from 1 January is its own year to date
        paragraphs.append(f"1-{end.month}月，优良天数比例{{ytd_good_ratio}}%，PM2.5平均浓度{{ytd_pm25}}微克/立方米，"
                          "同比变化{ytd_pm25_change}微克/立方米（{ytd_pm25_change_pct}%）。")
    tables = [_six_table(ytd["current"].stats, end)]
    mine, ranks = _district_rank(jurisdiction, start, end)
    if ranks:
        tables.append(b.table("各区县环境空气质量综合指数排名", ["排名", "区县", "综合指数", "PM2.5", "优良率（%）", "同比排名变化"],
                              ranks, url=url, rule="composite index (HJ 663), best first, ties share a rank"))
    if mine is not None and mine["rank"]:
        figures["rank"] = b.figure(mine["rank"], label="区县排名", unit="", url=url, rule="composite index, best first")
        figures["ranked"] = b.figure(len(ranks), label="参与排名区县", unit="个", url=url)
        paragraphs.append("环境空气质量综合指数在全市{ranked}个区县中排名第{rank}。")
    p = period["current"]
    as_of = max((d for d, a in zip(p.daily.get("dates", []), p.daily.get("aqi", []), strict=False) if a >= 0),
                default=None)
    return b.section(AIR, paragraphs=paragraphs, figures=figures, tables=tables, charts=[_pm25_chart(ids, end)],
                     as_of=as_of, coverage=round(p.coverage / 100, 3))


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + (m == 12), m % 12 + 1)
    return out


def water_section(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    sections = list(WaterSection.objects.for_user(user).filter(jurisdiction__path__startswith=jurisdiction.path))
    sources = list(DrinkingWaterSource.objects.for_user(user).filter(jurisdiction__path__startswith=jurisdiction.path))
    rated, good, worst, src_rated, src_ok, months = 0, 0, 0, 0, 0, []
    for y, m in _months(start, end):
        sec = [s for s in water.sections_month(y, m, sections) if s.klass is not None]
        src = [s for s in water.sources_month(y, m, sources) if s.klass is not None]
        rated, good, worst = rated + len(sec), good + sum(s.klass <= 3 for s in sec), worst + sum(s.klass == 6 for s in sec)
        src_rated, src_ok = src_rated + len(src), src_ok + sum(bool(s.compliant) for s in src)
        months.append((f"{y}-{m:02d}", sec))
    if not rated and not src_rated:
        return b.no_data(WATER)
    url = reverse("monitoring:section_list")
    figures = {
        "sections": b.figure(len(sections), label="监测断面", unit="个", url=url, rows=len(sections)),
        "good_ratio": b.figure(b.pct(good, rated), label="水质优良（I-III类）比例", unit="%", url=url, rows=rated,
                               rule="section-months of class I-III / section-months rated (GB 3838)"),
        "worse_v": b.figure(worst, label="劣V类断面", unit="个次", url=url, rows=rated, rule="section-months worse than V"),
        "sources": b.figure(len(sources), label="集中式饮用水水源地", unit="个", url=url),
        "sources_ratio": b.figure(b.pct(src_ok, src_rated), label="饮用水水源地达标率", unit="%", url=url,
                                  rows=src_rated, rule="source-months meeting their target class / rated"),
    }
    paragraphs = ["{sections}个地表水监测断面水质优良（I-III类）比例为{good_ratio}%，劣V类{worse_v}个次；"
                  "{sources}个集中式饮用水水源地水质达标率为{sources_ratio}%。"]
    tables = [_levels_table(months, url)]
    last = months[-1][1]
    table = b.table(f"地表水断面水质（{months[-1][0]}）", ["断面", "级别", "水质类别", "目标", "达标", "主要污染物"],
                    [[s.site.name, s.site.get_level_display(), s.class_label, s.target, "是" if s.compliant else "否",
                      "、".join(s.main_pollutants) or "—"] for s in last], url=url, rule="GB 3838-2002 Table 1")
    return b.section(WATER, paragraphs=paragraphs, figures=figures, tables=tables + ([table] if last else []),
                     as_of=f"{end}T23:59:59", coverage=None)


def _levels_table(months: list, url: str) -> dict:
    """Section-months by assessment level (国考, 省考, 市考): rated, class I-III, worse than V."""
    rows = []
    for level in SectionLevel.values():
        rated = [s for _, secs in months for s in secs if s.site.level == level]
        good = sum(s.klass <= 3 for s in rated)
        rows.append([SectionLevel.label(level), len(rated), good, b.number_text(b.pct(good, len(rated))),
                     sum(s.klass == 6 for s in rated)])
    return b.table("各级考核断面水质", ["级别", "评价断面（个次）", "I-III类（个次）", "优良比例（%）", "劣V类（个次）"], rows,
                   url=url, rule="section-months of the period by assessment level (GB 3838)")


def warnings(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    """Heavy-pollution weather warnings issued in the year to date, by level."""
    year_start = start.replace(month=1, day=1)
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(year_start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    issued = selectors.warnings_for(user).within(jurisdiction).filter(
        status__in=(WarningStatus.ISSUED, WarningStatus.LIFTED), issued_at__gte=lo, issued_at__lt=hi)
    by_level = dict(issued.order_by().values_list("level").annotate(n=Count("id")))
    total = sum(by_level.values())
    if not total:
        return b.no_data(WARNINGS)
    url = reverse("monitoring:warning_list")
    figures = {"warnings": b.figure(total, label="重污染天气预警", unit="次", url=url, rows=total,
                                    rule=f"warnings issued {year_start}~{end} (issued or since lifted)")}
    parts = []
    for level in WarningLevel.values():
        if by_level.get(level):
            figures[level] = b.figure(by_level[level], label=WarningLevel.label(level), unit="次", url=url)
            parts.append(f"{WarningLevel.label(level)}{{{level}}}次")
    months = f"1-{end.month}月" if end.month > 1 else "1月"
    paragraphs = [f"{months}，发布重污染天气预警{{warnings}}次（{'、'.join(parts)}），及时启动应急减排措施。"]
    return b.section(WARNINGS, paragraphs=paragraphs, figures=figures, as_of=f"{end}T23:59:59")

"""The complaints' briefing section (信访投诉): the monthly report's content — counts, year on
year by category, handling times, hotspots (drawn as a map image), reward-eligible kinds."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ecogov.core import briefing as b

from .. import selectors as complaint_selectors
from ..choices import ComplaintStatus
from ..rewards import selectors as rewards
from .document import _pct
from .selectors import monthly_report

TITLE = "环境信访投诉"


def _closed_ytd(qs, year_start: dt.date, end: dt.date) -> int:
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(year_start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return qs.filter(status=ComplaintStatus.CLOSED, closed_at__gte=lo, closed_at__lt=hi).count()


def _tables(rep: dict, url: str) -> list[dict]:
    cat = b.table("信访投诉按类别统计及同比", ["类别", "本月", "去年同月", "同比", "累计", "去年同期", "累计同比"],
                  [[c["name"], c["month"], c["month_last_year"], _pct(c["month_yoy"]), c["ytd"], c["ytd_last_year"],
                    _pct(c["ytd_yoy"])] for c in rep["by_category"]], url=url,
                  rule="complaints received, by top category, against the same period a year before")
    dist = b.table("信访投诉按区县统计", ["区县", "本月", "累计"],
                   [[d["name"], d["month"], d["ytd"]] for d in rep["by_district"]], url=url)
    return [cat, dist]


def _hotspots(rep: dict) -> list[dict]:
    cells = rep["hotspots"]
    if not cells:
        return []
    return [b.chart("本月投诉热点（1 km 六边形网格）", [str(i) for i in range(1, len(cells) + 1)],
                    [{"name": "件数", "values": [c["count"] for c in cells]}], kind="hexmap",
                    polygons=[c["polygon"] for c in cells])]


def build(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    qs = complaint_selectors.complaints_for(user).within(jurisdiction)
    rep = monthly_report(qs, end.year, end.month)
    closed = _closed_ytd(qs, end.replace(month=1, day=1), end)
    if not rep["ytd_total"] and not closed:
        return b.no_data(TITLE)
    url = reverse("complaints:report_monthly") + f"?year={end.year}&month={end.month}"
    h = rep["handling"]
    kinds = rewards.active_kinds().count()
    months = f"1-{end.month}月" if end.month > 1 else "1月"
    figures = {
        "month": b.figure(rep["total"], label="本月受理", unit="件", url=url, rows=rep["total"],
                          rule=f"complaints received in {end:%Y-%m}"),
        "ytd": b.figure(rep["ytd_total"], label="累计受理", unit="件", url=url, rows=rep["ytd_total"],
                        rule=f"complaints received {end.year}-01-01~{end}"),
        "ytd_yoy": b.figure(rep["ytd_yoy"], label="累计同比", unit="%", text=_pct(rep["ytd_yoy"]), url=url,
                            rule="(year to date - same period last year) / same period last year"),
        "closed": b.figure(closed, label="累计办结", unit="件", url=reverse("complaints:complaint_list") + "?status=closed",
                           rows=closed, rule=f"complaints closed {end.year}-01-01~{end}"),
        "on_time": b.figure(h["on_time_pct"], label="本月按期办结率", unit="%", url=url,
                            rule="closed this month within the finishing limit / closed this month"),
        "mean_days": b.figure(h["mean_days"], label="平均办理天数", unit="天", digits=1, url=url,
                              rule="days from acceptance to closing, complaints closed this month"),
        "kinds": b.figure(kinds, label="有奖举报违法行为种类", unit="种", url=reverse("complaints:reward_list"),
                           rule="active reward kinds"),
    }
    paragraphs = [
        f"实施环境信访投诉月报制度，加强对环境信访问题集中、矛盾突出区域点位的分析研判，积极回应群众诉求。{months}，"
        "受理环境信访投诉{ytd}件，同比{ytd_yoy}；办结{closed}件。本月受理{month}件，平均办理{mean_days}天，按期办结率{on_time}%。",
    ]
    if kinds:
        paragraphs.append("实施生态环境违法举报奖励制度，规定{kinds}种给予举报人奖励的生态环境违法行为。")
    return b.section(TITLE, paragraphs=paragraphs, figures=figures, tables=_tables(rep, url), charts=_hotspots(rep),
                     as_of=timezone.now())

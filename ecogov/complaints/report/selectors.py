"""The monthly complaint report's figures (月报): counts by category, district,
channel and outcome, year-on-year change per category, handling time against
the limits, hotspots on a hexagonal grid and repeat locations."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter

from django.utils import timezone

from ecogov.core.models import Jurisdiction
from ecogov.core.params import month_param, year_param

from ..choices import Channel, ComplaintStatus, Outcome
from ..models import ComplaintCategory
from . import hexgrid


def _bounds(year: int, month: int):
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def yoy(now: int, before: int) -> float | None:
    """Year-on-year change [%], one decimal; None when there is nothing to compare with."""
    return None if before == 0 else round((now - before) * 100.0 / before, 1)


def _rows(qs, start, end):
    return list(qs.filter(received_at__gte=start, received_at__lt=end).values(
        "id", "category__code", "category__parent__code", "jurisdiction__path", "channel", "status", "outcome",
        "received_at", "accepted_at", "closed_at", "acceptance_due", "finish_due", "lon", "lat", "address"))


def _root(row) -> str:
    return row["category__parent__code"] or row["category__code"]


def _outcome(row) -> str:
    if row["status"] in (ComplaintStatus.NOT_ACCEPTED, ComplaintStatus.MERGED):
        return row["status"]
    if row["status"] == ComplaintStatus.CLOSED:
        return row["outcome"] or "closed"
    return "open"


OUTCOME_LABELS = {**{v: Outcome.label_zh(v) for v in Outcome.values()}, "not_accepted": "不予受理", "merged": "合并办理",
                  "closed": "已办结", "open": "办理中"}


def _handling(qs, start, end) -> dict:
    """Complaints closed in the month: days from acceptance to closing, and the share within the limit."""
    closed = list(qs.filter(status=ComplaintStatus.CLOSED, closed_at__gte=start, closed_at__lt=end,
                            accepted_at__isnull=False).values("accepted_at", "closed_at", "finish_due"))
    days = [(timezone.localdate(r["closed_at"]) - timezone.localdate(r["accepted_at"])).days for r in closed]
    on_time = sum(1 for r in closed if r["finish_due"] and timezone.localdate(r["closed_at"]) <= r["finish_due"])
    return {
        "closed": len(closed),
        "mean_days": round(statistics.fmean(days), 1) if days else None,
        "median_days": statistics.median(days) if days else None,
        "max_days": max(days) if days else None,
        "on_time": on_time,
        "on_time_pct": round(on_time * 100.0 / len(closed), 1) if closed else None,
    }


def _by_category(rows, ytd, prev, prev_month) -> list[dict]:
    """Per top category: the month and the year to date, each against the same period a year before."""
    roots = list(ComplaintCategory.objects.filter(parent__isnull=True).order_by("order"))
    c_m, c_y, c_p, c_pm = (Counter(_root(r) for r in x) for x in (rows, ytd, prev, prev_month))
    return [{"code": c.code, "name": c.name, "month": c_m[c.code], "month_last_year": c_pm[c.code],
             "month_yoy": yoy(c_m[c.code], c_pm[c.code]), "ytd": c_y[c.code], "ytd_last_year": c_p[c.code],
             "ytd_yoy": yoy(c_y[c.code], c_p[c.code])} for c in roots]


def _by_district(rows, ytd) -> list[dict]:
    """Per district (complaints of the city level as "市本级"): the month and the year to date."""
    districts = {j.code: j.name for j in Jurisdiction.objects.filter(level="district")}

    def district(row):
        parts = [p for p in row["jurisdiction__path"].split("/") if p]
        return districts.get(parts[1], "市本级") if len(parts) > 1 else "市本级"

    d_m, d_y = Counter(district(r) for r in rows), Counter(district(r) for r in ytd)
    return [{"name": n, "month": d_m[n], "ytd": d_y[n]} for n in sorted(set(d_m) | set(d_y))]


def _acceptance(rows) -> dict:
    """Complaints of the month decided (accepted or not): how many within the acceptance limit."""
    decided = [r for r in rows if r["acceptance_due"] and (r["accepted_at"] or r["status"] == "not_accepted")]
    on_time = sum(1 for r in decided if timezone.localdate(r["accepted_at"] or r["closed_at"]) <= r["acceptance_due"])
    return {"decided": len(decided), "on_time": on_time,
            "on_time_pct": round(on_time * 100.0 / len(decided), 1) if decided else None}


def monthly_report(qs, year: int, month: int, hex_m: float = 1000.0) -> dict:
    """The report for ``year``-``month`` over the complaints in ``qs`` (already restricted to the user)."""
    year_param(year), month_param(month)  # 422 on a year outside 2000-2100 or a month outside 1-12
    start, end = _bounds(year, month)
    rows, ytd = _rows(qs, start, end), _rows(qs, _bounds(year, 1)[0], end)
    prev = _rows(qs, _bounds(year - 1, 1)[0], _bounds(year - 1, month)[1])
    prev_month = _rows(qs, *_bounds(year - 1, month))
    ch, oc = Counter(r["channel"] for r in rows), Counter(_outcome(r) for r in rows)
    return {
        "year": year, "month": month, "period": f"{year}年{month}月", "generated": timezone.localdate(),
        "total": len(rows), "ytd_total": len(ytd), "ytd_last_year": len(prev), "ytd_yoy": yoy(len(ytd), len(prev)),
        "by_category": _by_category(rows, ytd, prev, prev_month),
        "by_district": _by_district(rows, ytd),
        "by_channel": [{"code": v, "name": Channel.label_zh(v), "month": ch[v]} for v in Channel.values()],
        "by_outcome": [{"code": k, "name": OUTCOME_LABELS.get(k, k), "month": oc[k]} for k in OUTCOME_LABELS if oc[k]],
        "acceptance": _acceptance(rows),
        "handling": _handling(qs, start, end),
        "hotspots": hexgrid.hexbin([(r["lon"], r["lat"]) for r in rows], size_m=hex_m, min_count=2)[:10],
        "repeats": hexgrid.repeat_locations([(r["lon"], r["lat"], r["address"]) for r in rows])[:10],
    }

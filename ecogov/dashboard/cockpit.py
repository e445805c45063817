"""The leader's dashboard (驾驶舱): tiles, figures and charts for one area, read through the
selectors that make the lists, so a tile and the list it links to always agree.

A *count tile* is a list page and its filter parameters: its value is the size of that
filter over the user's restricted rows, its link is the list page with the same
parameters. The area is the user's own jurisdiction or, drilling down, one inside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecogov.assessment import selectors as assessment
from ecogov.complaints import selectors as complaints
from ecogov.core import contrib
from ecogov.core import selectors as core
from ecogov.core.errors import NotFound
from ecogov.enforcement import selectors as enforcement
from ecogov.inventory import selectors as inventory
from ecogov.monitoring import selectors as monitoring
from ecogov.rectification import selectors as rectification

from . import standings


@dataclass
class Tile:
    key: str
    label: str
    value: Any
    url: str
    note: str = ""
    params: dict = field(default_factory=dict)


def area_for(user, code: str | None):
    """The area to show: ``code`` when inside the user's scope, else the user's own jurisdiction
    (the city for city-wide roles)."""
    scope = core.jurisdictions_for(user)
    if code:
        node = scope.filter(code=code).first()
        if node is None:
            raise NotFound("区域", "area", detail={"area": code})
        return node
    own = getattr(user, "jurisdiction", None)
    if own is not None and not user.is_superuser:
        return own
    return scope.filter(level="city").first() or own


def _tile(key, label, url_name, count_of, params, note="") -> Tile:
    query = {k: v for k, v in params.items() if v not in (None, "")}
    url = reverse(url_name) + (f"?{urlencode(query)}" if query else "")
    return Tile(key, label, count_of(query), url, note, query)


def _month_bounds(day: dt.date, years_back: int = 0) -> tuple[str, str]:
    start = day.replace(year=day.year - years_back, day=1)
    end = day.replace(year=day.year - years_back)
    return start.isoformat(), end.isoformat()


def count_tiles(user, area) -> list[Tile]:
    """Every count tile of the dashboard for ``area`` (its list agrees: same FilterSet, same rows)."""
    today = timezone.localdate()
    inv = lambda q: inventory.SOURCES.filter(user, q).qs.count()  # noqa: E731
    cmp_ = lambda q: complaints.COMPLAINTS.filter(user, q).qs.count()  # noqa: E731
    led = lambda q: rectification.item_filterset(user, q).qs.count()  # noqa: E731
    case = lambda q: enforcement.CASES.filter(user, q).qs.count()  # noqa: E731
    district = area.pk if area is not None and area.level == "district" else None
    code = area.code if area is not None and area.level != "city" else None
    this_from, this_to = _month_bounds(today)
    last_from, last_to = _month_bounds(today, 1)
    return [
        _tile("sources", _("Inventory sources"), "inventory:source_list", inv, {"area": code}),
        _tile("sources_problem", _("Sources with a problem"), "inventory:source_list", inv,
              {"area": code, "state": "problem"}),
        _tile("complaints_month", _("Complaints this month"), "complaints:complaint_list", cmp_,
              {"district": district, "received_from": this_from, "received_to": this_to}),
        _tile("complaints_last_year", _("Same month last year"), "complaints:complaint_list", cmp_,
              {"district": district, "received_from": last_from, "received_to": last_to}),
        _tile("complaints_overdue", _("Complaints overdue"), "complaints:complaint_list", cmp_,
              {"district": district, "clock": "overdue"}),
        _tile("ledger_overdue", _("Ledger items overdue"), "rectification:item_list", led, {"overdue": "true"}),
        _tile("cases", _("Penalty cases"), "enforcement:case_list", case, {}),
    ]


def air(user, area) -> dict[str, Any]:
    """Today's air and the year so far in the city, with the district ranking (composite index)."""
    city = monitoring.city_of(user)
    today = monitoring.latest_day()
    if city is None:
        return {}
    ytd = monitoring.city_summary(city, "ytd", today.year, today=today)
    ranking = monitoring.district_ranking(city, dt.date(today.year, 1, 1), today)
    return {
        "latest": monitoring.city_latest(city), "ytd_pm25": ytd.pm25, "ytd_good_ratio": ytd.good_ratio,
        "ranking": [{"name": r["district"].name, "code": r["district"].code, "rank": r["rank"],
                     "pm25": r["stats"].pm25, "composite": r["stats"].composite,
                     "mine": area is not None and area.path.startswith(r["district"].path)} for r in ranking],
        "url": reverse("monitoring:city_report"),
    }


WATER_LAYER = "monitoring-sections"
CLASS_NAMES = ("I", "II", "III", "IV", "V", "劣V")


def water(user) -> dict[str, Any] | None:
    """Sections by class (GB 3838) in the month of the newest sample, from the water-section layer."""
    layer = contrib.map_layers.get(WATER_LAYER)
    if layer is None:
        return None
    data = contrib.resolve(layer.provider)(user, unlocated="1")
    classes = [f["properties"].get("klass") for f in data["features"]]
    rated = [k for k in classes if k]
    good = sum(1 for k in rated if k <= 3)
    colours = {f["properties"]["klass"]: f["properties"]["colour"] for f in data["features"] if f["properties"].get("klass")}
    return {"month": data.get("meta", {}).get("month", ""), "rated": len(rated), "good": good,
            "good_ratio": 100.0 * good / len(rated) if rated else None, "worse_than_v": rated.count(6),
            "by_class": [{"name": CLASS_NAMES[k - 1], "value": rated.count(k), "colour": colours.get(k, "#999")}
                         for k in range(1, 7)],
            "url": reverse("monitoring:section_list")}


def province_rank(user) -> dict[str, Any] | None:
    """This city's rank among the province's cities this year (composite index), if the figures exist."""
    rows = assessment.province_ranking(user, year=monitoring.latest_day().year)
    own = next((r for r in rows if r["is_self"]), None)
    return {"rank": own["rank"], "of": len(rows), "change": own["rank_change"]} if own else None


def ledger(user, area) -> dict[str, Any]:
    """Open and overdue ledger problems by responsible unit inside ``area`` (summed over batches)."""
    units: dict[str, dict[str, int]] = {}
    for batch in rectification.overview(user, area if area is not None and area.level != "city" else None):
        for u in batch["units"]:
            row = units.setdefault(u["unit"], {"received": 0, "closed": 0, "overdue": 0, "behind": 0})
            for key in row:
                row[key] += u[key]
    table = [{"unit": name, **row, "open": row["received"] - row["closed"]} for name, row in units.items()]
    table.sort(key=lambda r: (-r["overdue"], -r["open"], r["unit"]))
    return {"summary": rectification.summary(user), "units": table[:15]}


def children(user, area) -> list[dict[str, Any]]:
    """The areas one level down, with their inventory counts (the drill-down chart)."""
    if area is None:
        return []
    rows = []
    for child in core.jurisdictions_for(user).filter(parent=area):
        rows.append({"code": child.code, "name": child.name,
                     "sources": inventory.SOURCES.filter(user, {"area": child.code}).qs.count(),
                     "url": f"{reverse('dashboard:cockpit')}?area={child.code}"})
    return rows


def kinds(user, area) -> list[dict[str, Any]]:
    code = area.code if area is not None and area.level != "city" else ""
    counts = inventory.kind_counts_in(user, code)
    return [{"kind": k, "label": label, "colour": colour, "value": counts.get(k, 0)}
            for k, label, colour in inventory.kinds()]


#: The horizon of the officer's deadline block (days) and how many of its rows the dashboard shows.
DEADLINE_DAYS = 7
DEADLINE_ROWS = 30


def deadlines(user) -> dict[str, Any]:
    """The deadlines the user holds (the one clock) that are overdue or due within DEADLINE_DAYS: a tile
    counting them that links to the same list on the due page (``mine=1``), and the first rows."""
    today = timezone.localdate()
    rows = core.due_items(user, today=today, horizon_days=DEADLINE_DAYS, mine=True)
    tile = _tile("deadlines", _("Deadlines you hold"), "core:due", lambda _q: len(rows),
                 {"mine": 1, "days": DEADLINE_DAYS})
    return {"tile": tile, "overdue": sum(d.state(today) == "overdue" for d in rows), "rows": rows[:DEADLINE_ROWS]}


def build(user, code: str | None = None) -> dict[str, Any]:
    area = area_for(user, code)
    today = timezone.localdate()
    return {
        "area": area, "tiles": count_tiles(user, area), "air": air(user, area), "children": children(user, area),
        "kinds": kinds(user, area), "warning": monitoring.current_warning(user),
        "province": province_rank(user), "ledger": ledger(user, area), "water": water(user),
        "enforcement": enforcement.period_figures(user, dt.date(today.year, 1, 1), today),
        "deadlines": deadlines(user) if getattr(user, "role", "") == "officer" else None,
        "inspections": standings.inspections(user) if getattr(user, "role", "") == "officer" else None,
        "scorecard": standings.scorecard(user), "air_targets": standings.air_targets(user),
        "water_levels": standings.water_levels(user),
        "parent": area.parent if area is not None and area.parent_id and code else None,
    }

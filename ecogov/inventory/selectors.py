"""Inventory reads for pages, API, exports, the map and other apps (restricted by user)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.api_utils import get_for_user
from ecogov.core.pages import ListPage

from . import geometry as geo
from .choices import SourceKind, SourceState
from .filters import CheckFilterSet, SourceFilterSet
from .models import Source, SourceCheck
from .tables import CHECK_COLUMNS, SOURCE_COLUMNS

#: A source not checked for this many days is "due for a patrol".
CHECK_INTERVAL_DAYS = 30


def sources_for(user, action: str = "view"):
    return Source.objects.for_user(user, action).select_related("jurisdiction__parent__parent")


def checks_for(user):
    return SourceCheck.objects.for_user(user).select_related("source", "checked_by")


SOURCES = ListPage(
    filterset=SourceFilterSet, columns=SOURCE_COLUMNS, queryset=sources_for,
    title=gettext_lazy("Source inventory"), filename="source-inventory", link="inventory:source_detail",
    template="inventory/list.html", dated=True,
)
CHECKS = ListPage(
    filterset=CheckFilterSet, columns=CHECK_COLUMNS, queryset=checks_for,
    title=gettext_lazy("Patrol checks"), filename="patrol-checks", template="inventory/list.html", dated=True,
)


def source_get(*, user, pk, action: str = "view") -> Source:
    return get_for_user(Source, user, action, pk=pk)


def source_checks(source: Source):
    return source.checks.select_related("checked_by")


@dataclass(frozen=True)
class Near:
    source: Source
    distance_m: float


def sources_near(user, *, lon: float, lat: float, radius_m: float, kinds: list[str] | None = None) -> list[Near]:
    """``user``'s sources whose location comes within ``radius_m`` of (lon, lat), nearest first.

    The bounding boxes are filtered in the database, the exact distance (to the nearest point of
    the line or polygon) is computed here.
    """
    x0, y0, x1, y1 = geo.search_box(lon, lat, radius_m)
    qs = Source.objects.for_user(user).filter(max_lon__gte=x0, min_lon__lte=x1, max_lat__gte=y0, min_lat__lte=y1)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    out = []
    for source in qs.select_related(None):
        shape = source.geometry
        d = (geo.haversine_m(lon, lat, source.lon, source.lat) if shape["type"] == "Point"
             else geo.distance_m(shape, lon, lat))
        if d <= radius_m:
            out.append(Near(source, d))
    return sorted(out, key=lambda n: (n.distance_m, n.source.code))


def search_box(lon: float, lat: float, radius_m: float) -> tuple[float, float, float, float]:
    """The (min lon, min lat, max lon, max lat) box holding every point within ``radius_m`` of (lon, lat)."""
    return geo.search_box(lon, lat, radius_m)


def bearing_deg(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Bearing [degrees from north] from point 1 to point 2 (for other apps' ring tables)."""
    return geo.bearing_deg(lon1, lat1, lon2, lat2)


class NearRow(NamedTuple):
    """A source within reach of a point, as the ring tables list it (no model instance)."""

    pk: int
    code: str
    name: str
    kind: str
    state: str
    jurisdiction_id: int
    lon: float
    lat: float
    distance_m: float

    @property
    def kind_label(self) -> str:
        return SourceKind.label(self.kind)

    @property
    def state_label(self) -> str:
        return SourceState.label(self.state)


def near_rows(user, *, lon: float, lat: float, radius_m: float) -> list[NearRow]:
    """``sources_near`` as light rows, for tables of thousands (a ring of a dense district)."""
    x0, y0, x1, y1 = geo.search_box(lon, lat, radius_m)
    qs = Source.objects.for_user(user).filter(max_lon__gte=x0, min_lon__lte=x1, max_lat__gte=y0, min_lat__lte=y1)
    out = []
    for pk, code, name, kind, state, jur, slon, slat, shape in qs.order_by().values_list(
            "pk", "code", "name", "kind", "state", "jurisdiction_id", "lon", "lat", "geometry"):
        d = geo.haversine_m(lon, lat, slon, slat) if shape["type"] == "Point" else geo.distance_m(shape, lon, lat)
        if d <= radius_m:
            out.append(NearRow(pk, code, name, kind, state, jur, slon, slat, d))
    return sorted(out, key=lambda n: (n.distance_m, n.code))


def kind_counts(user) -> dict[str, int]:
    rows = sources_for(user).order_by().values("kind").annotate(n=Count("id"))
    return {r["kind"]: r["n"] for r in rows}


def kind_counts_in(user, area_code: str = "") -> dict[str, int]:
    """Sources per kind inside the area with ``area_code`` (the list's area filter), all when blank."""
    qs = SOURCES.filter(user, {"area": area_code} if area_code else {}).qs
    return {r["kind"]: r["n"] for r in qs.order_by().values("kind").annotate(n=Count("id"))}


def problem_count(user) -> int:
    return sources_for(user).filter(state=SourceState.PROBLEM).count()


def due_for_check(user, today: dt.date | None = None):
    """Sources (not closed) not checked within CHECK_INTERVAL_DAYS."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=CHECK_INTERVAL_DAYS)
    return SourceFilterSet({"unchecked_since": cutoff.isoformat()},
                           queryset=sources_for(user).exclude(state=SourceState.CLOSED)).qs


def home_cards(user) -> list[dict[str, Any]]:
    cutoff = timezone.localdate() - dt.timedelta(days=CHECK_INTERVAL_DAYS)
    url = reverse("inventory:source_list")
    return [
        {"label": _("Inventory sources"), "value": sum(kind_counts(user).values()), "url": url, "note": ""},
        {"label": _("Sources with a problem"), "value": problem_count(user), "url": f"{url}?state=problem",
         "note": ""},
        {"label": _("Sources due for a patrol"), "value": due_for_check(user).count(),
         "url": f"{url}?unchecked_since={cutoff.isoformat()}", "note": _("not checked for 30 days")},
    ]


def kinds() -> list[tuple[str, str, str]]:
    """(value, label, colour) of every kind."""
    return [(k, SourceKind.label(k), SourceKind.colour(k)) for k in SourceKind.values()]


def state_labels() -> dict[str, str]:
    return {s: SourceState.label(s) for s in SourceState.values()}

"""Hazardous-waste and radioactive-source reads: the list pages (collection points with their
tonnes, collection records, sources), the in-city disposal rate computed from the records, the
storage rate of disused sources, and the home card."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.models import Jurisdiction
from ecogov.core.pages import ListPage

from . import rates
from .choices import SourceStatus
from .filters import CollectionFilter, PointFilter, SourceFilter
from .models import CollectionPoint, CollectionRecord, RadioactiveSource, WasteUnit
from .tables import COLLECTION_COLUMNS, POINT_COLUMNS, SOURCE_COLUMNS


def points_for(user):
    return CollectionPoint.objects.for_user(user).select_related("jurisdiction", "operator").annotate(
        tonnes=Sum("records__tonnes")).order_by("code")


def collections_for(user):
    return CollectionRecord.objects.for_user(user).select_related("producer", "point", "handler")


def sources_for(user):
    return RadioactiveSource.objects.for_user(user)


def units_for(user, role: str | None = None):
    qs = WasteUnit.objects.for_user(user)
    return qs.filter(role=role) if role else qs


POINTS = ListPage(filterset=PointFilter, columns=POINT_COLUMNS, queryset=points_for,
                  title=gettext_lazy("Hazardous-waste collection points"), filename="collection-points",
                  template="thirdparty/waste_points.html")
COLLECTIONS = ListPage(filterset=CollectionFilter, columns=COLLECTION_COLUMNS, queryset=collections_for,
                       title=gettext_lazy("Hazardous-waste collection records"), filename="collection-records",
                       dated=True, template="thirdparty/waste_records.html")
SOURCES = ListPage(filterset=SourceFilter, columns=SOURCE_COLUMNS, queryset=sources_for,
                   title=gettext_lazy("Radioactive sources"), filename="radioactive-sources",
                   template="thirdparty/sources.html")


def disposal_figures(user, *, start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """The in-city disposal rate over the collection records of ``user``'s scope (between ``start``
    and ``end`` when given), with the points and the units they serve."""
    records = collections_for(user)
    if start:
        records = records.filter(collected_on__gte=start)
    if end:
        records = records.filter(collected_on__lte=end)
    figures = rates.in_city_rate(records.values_list("tonnes", "handler__in_city"))
    points = CollectionPoint.objects.for_user(user).aggregate(n=Count("id"), units=Sum("units_served"))
    return {**figures, "points": points["n"], "units_served": points["units"] or 0}


def disposal_table(user, *, year: int | None = None) -> list[dict]:
    """The in-city disposal rate per district of the producers (then the whole scope, "合计"), from
    ``user``'s collection records (of ``year`` when given); districts without records are left out."""
    records = collections_for(user)
    if year:
        records = records.filter(collected_on__year=year)
    rows = []
    for district in Jurisdiction.objects.filter(level="district").order_by("code"):
        part = records.within(district)
        row = _rate_row(district.name, part)
        if row["records"]:
            rows.append(row)
    total = _rate_row(_("Total"), records)
    return [*rows, total] if total["records"] else []


def _rate_row(area: str, records) -> dict:
    figures = rates.in_city_rate(records.values_list("tonnes", "handler__in_city"))
    return {"area": area, "records": records.count(), "tonnes": figures["tonnes"], "in_city": figures["in_city"],
            "outside": figures["tonnes"] - figures["in_city"], "rate": figures["rate"]}


def source_figures(user) -> dict:
    """Disused sources (stored or waiting), their holders, and the share sent to storage."""
    disused = sources_for(user).exclude(status=SourceStatus.IN_USE)
    stored = disused.filter(status=SourceStatus.STORED).count()
    waiting = disused.filter(status=SourceStatus.DISUSED).count()
    return {"disused": stored + waiting, "stored": stored, "waiting": waiting,
            "holders": disused.values("holder").distinct().count(), "rate": rates.storage_rate(stored, waiting)}


def home_cards(user) -> list[dict]:
    """For ``core.contrib.home_cards``: this year's in-city disposal rate of hazardous waste."""
    if not CollectionPoint.objects.for_user(user).exists() and not user.is_superuser:
        return []
    year = timezone.localdate().year
    f = disposal_figures(user, start=dt.date(year, 1, 1))
    return [{"label": _("In-city hazardous-waste disposal rate"),
             "value": "—" if f["rate"] is None else f"{f['rate']} %", "url": reverse("thirdparty:waste_records"),
             "note": _("%(p)s collection points serving %(u)s units") % {"p": f["points"], "u": f["units_served"]}}]

"""Reads of mobile-monitoring runs (走航): the run list, a run's roads, a road's runs (restricted by user)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.errors import NotFound
from ecogov.core.pages import ListPage

from . import mobile
from .choices import DustLevel
from .filters import MobileRunFilterSet
from .mobile import runs_for
from .models import MobileRun, MobileRunRoad, Source
from .tables import RUN_COLUMNS

RUNS = ListPage(
    filterset=MobileRunFilterSet, columns=RUN_COLUMNS, queryset=runs_for,
    title=gettext_lazy("Mobile-monitoring runs"), filename="mobile-runs", link="inventory:mobile_run_detail",
    template="inventory/mobile_list.html", dated=True,
)


def bands() -> list[tuple[float | None, float | None, str]]:
    """The dust-level bands in force: (lower bound, upper bound (exclusive), level label), mean PM10 in
    µg/m³; None is open."""
    out, lower = [], None
    for upper, level in mobile.dust_bands():
        out.append((lower, upper, DustLevel.label(level)))
        lower = upper
    return out


def run_get(*, user, pk) -> MobileRun:
    try:
        run = runs_for(user).filter(pk=pk).first()
    except (ValueError, TypeError, OverflowError):
        run = None
    if run is None:
        raise NotFound("走航记录", "mobile-monitoring run")
    return run


def run_roads(user, run: MobileRun):
    """The run's road results that ``user`` may see (a district sees only its own roads)."""
    return MobileRunRoad.objects.for_user(user).filter(run=run).select_related("source")


def source_runs(user, source: Source):
    return MobileRunRoad.objects.for_user(user).filter(source=source).select_related("run").order_by("-run__date")


def related_panels(user, obj) -> list[dict]:
    """On a road's page: the runs that passed it, with their mean PM10 and the level they gave."""
    if not isinstance(obj, Source) or obj.pk is None:
        return []
    rows = list(source_runs(user, obj)[:50])
    if not rows:
        return []
    items = [{"url": reverse("inventory:mobile_run_detail", args=[r.run_id]), "label": str(r.run),
              "note": _("mean PM10 %(pm10)s µg/m³ · %(n)s readings · %(level)s") % {
                  "pm10": f"{r.mean_pm10:g}", "n": r.n_readings, "level": r.dust_level_label}} for r in rows]
    return [{"title": _("Mobile-monitoring runs"), "items": items}]

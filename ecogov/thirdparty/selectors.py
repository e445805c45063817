"""Third-party reads: the list pages (one ``ListPage`` each: page, export, API filter), one
station with its lines, the fraud figures (stations punished, hits by indicator) and the home card."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.api_utils import get_for_user
from ecogov.core.pages import ListPage
from ecogov.enforcement import selectors as enforcement_selectors

from .choices import FraudKind, HitStatus
from .filters import HitFilter, RecordFilter, StationFilter
from .models import FraudHit, Line, Station, TestRecord
from .tables import HIT_COLUMNS, RECORD_COLUMNS, STATION_COLUMNS


def stations_for(user, action: str = "view"):
    return Station.objects.for_user(user, action)


def stations_counted(user):
    return stations_for(user).select_related("jurisdiction").annotate(
        line_count=Count("lines", distinct=True), record_count=Count("records", distinct=True),
        hit_count=Count("hits", distinct=True),
        punished_count=Count("hits", filter=Q(hits__status=HitStatus.PUNISHED), distinct=True)).order_by("code")


def records_for(user):
    return TestRecord.objects.for_user(user).select_related("station")


def hits_for(user):
    return FraudHit.objects.for_user(user).select_related("station", "record")


STATIONS = ListPage(filterset=StationFilter, columns=STATION_COLUMNS, queryset=stations_counted,
                    title=gettext_lazy("Testing agencies and inspection stations"), filename="stations",
                    link="thirdparty:station_detail", template="thirdparty/station_list.html")
RECORDS = ListPage(filterset=RecordFilter, columns=RECORD_COLUMNS, queryset=records_for,
                   title=gettext_lazy("Test records"), filename="test-records", dated=True,
                   template="thirdparty/record_list.html")
HITS = ListPage(filterset=HitFilter, columns=HIT_COLUMNS, queryset=hits_for,
                title=gettext_lazy("Fraud indicator hits"), filename="fraud-hits", link="thirdparty:hit_detail",
                dated=True, template="thirdparty/hit_list.html")


def station_get(*, user, pk, action: str = "view") -> Station:
    return get_for_user(Station, user, action, pk=pk)


def hit_get(*, user, pk, action: str = "view") -> FraudHit:
    return get_for_user(FraudHit, user, action, pk=pk)


def station_lines(station: Station):
    return Line.objects.filter(station=station)


def punished_station_count(user) -> int:
    """Stations with at least one hit that ended in a penalty, in ``user``'s scope."""
    return stations_for(user).filter(hits__status=HitStatus.PUNISHED).distinct().count()


def hit_counts(user) -> list[tuple[str, str, int]]:
    """``(kind, label, hits)`` per indicator in ``user``'s scope."""
    counts = dict(hits_for(user).values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return [(k, FraudKind.label(k), counts.get(k, 0)) for k in FraudKind.values()]


def home_cards(user) -> list[dict]:
    """For ``core.contrib.home_cards``: open fraud hits and stations punished, in ``user``'s scope."""
    if not stations_for(user).exists() and not user.is_superuser:
        return []
    open_hits = hits_for(user).filter(status=HitStatus.OPEN).count()
    return [{"label": _("Open fraud indicator hits"), "value": open_hits,
             "url": reverse("thirdparty:hit_list") + "?status=open",
             "note": _("%(n)s stations punished for fraud") % {"n": punished_station_count(user)}}]


def hit_case(user, hit: FraudHit):
    """The penalty case opened from ``hit``, when ``user`` may see it (else ``None``)."""
    if hit.case_id is None:
        return None
    return enforcement_selectors.cases_for(user).filter(pk=hit.case_id).first()


def _model_of(field_owner, name: str):
    return field_owner._meta.get_field(name).related_model


def related_panels(user, obj) -> list[dict]:
    """For ``core.contrib.related_panels``: on a penalty case, the fraud hits it was opened from; on a
    registered party, the testing agencies and stations it runs (each in ``user``'s scope)."""
    if isinstance(obj, _model_of(FraudHit, "case")):
        hits = hits_for(user).filter(case=obj).order_by("pk")
        return [{"title": _("Fraud indicator hits"), "items": [
            {"url": reverse("thirdparty:hit_detail", args=[h.pk]),
             "label": f"{FraudKind.label(h.kind)} · {h.record.record_no}", "note": h.station.name} for h in hits]}]
    if isinstance(obj, _model_of(Station, "supervised_object")):
        stations = stations_for(user).filter(supervised_object=obj).order_by("code")
        return [{"title": _("Testing agencies and inspection stations"), "items": [
            {"url": reverse("thirdparty:station_detail", args=[s.pk]), "label": s.name,
             "note": str(s.code)} for s in stations]}]
    return []

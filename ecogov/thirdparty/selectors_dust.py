"""Dust-responsibility and muck-truck reads: the list pages (sites with their letters, trucks,
violations) and one site with its inspections and joint reviews."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from ecogov.core import clock, contrib
from ecogov.core.api_utils import get_for_user
from ecogov.core.pages import ListPage

from .choices import ReviewDecision
from .filters import DutyFilter, TruckFilter, TruckViolationFilter
from .models_dust import DustResponsibility, JointReview, MuckTruck, TruckTrack, TruckViolation
from .tables import DUTY_COLUMNS, TRUCK_COLUMNS, TRUCK_VIOLATION_COLUMNS


def duties_for(user):
    return DustResponsibility.objects.for_user(user).select_related("site", "inspector").annotate(
        inspection_count=Count("inspections", distinct=True),
        stop_count=Count("reviews", filter=Q(reviews__decision=ReviewDecision.STOP), distinct=True),
    ).order_by("-signed_on", "pk")


def trucks_for(user):
    return MuckTruck.objects.for_user(user).annotate(violation_count=Count("violations")).order_by("plate")


def truck_violations_for(user):
    return TruckViolation.objects.for_user(user).select_related("truck")


DUTIES = ListPage(filterset=DutyFilter, columns=DUTY_COLUMNS, queryset=duties_for,
                  title=gettext_lazy("Construction-site dust responsibility"), filename="dust-responsibility",
                  link="thirdparty:duty_detail", template="thirdparty/dust_list.html")
TRUCKS = ListPage(filterset=TruckFilter, columns=TRUCK_COLUMNS, queryset=trucks_for,
                  title=gettext_lazy("Muck trucks"), filename="muck-trucks", link="thirdparty:truck_detail",
                  template="thirdparty/dust_list.html")
TRUCK_VIOLATIONS = ListPage(filterset=TruckViolationFilter, columns=TRUCK_VIOLATION_COLUMNS,
                            queryset=truck_violations_for, title=gettext_lazy("Muck-truck violations"),
                            filename="muck-truck-violations", dated=True, template="thirdparty/dust_list.html")


def duty_get(*, user, pk, action: str = "view") -> DustResponsibility:
    return get_for_user(DustResponsibility, user, action, pk=pk)


def truck_get(*, user, pk, action: str = "view") -> MuckTruck:
    return get_for_user(MuckTruck, user, action, pk=pk)


def truck_tracks(truck: MuckTruck):
    """The imported tracks of ``truck``, newest first (the truck is already read through ``for_user``)."""
    return TruckTrack.objects.filter(truck=truck).order_by("-started_at")


def due_reviews(user, *, today: dt.date, horizon_days: int) -> list[contrib.Deadline]:
    """The "thirdparty" clock source: a joint review's stop or rectification deadline, open until a
    later review of the same site, overdue or falling due within ``horizon_days``."""
    until = clock.add_calendar_days(today, horizon_days)
    later = JointReview.objects.filter(duty=OuterRef("duty"), held_on__gt=OuterRef("held_on"))
    open_reviews = JointReview.objects.for_user(user).select_related("duty__site").filter(
        due__isnull=False, due__lte=until).exclude(Exists(later))
    return [contrib.Deadline(kind="thirdparty", label=f"{r.duty.site.name}：{ReviewDecision.label(r.decision)}",
                             due=r.due, url=reverse("thirdparty:duty_detail", args=[r.duty_id]),
                             owner=r.duty.responsible_person, note=r.reasons[:60],
                             owner_ids=(r.duty.inspector_id,) if r.duty.inspector_id else ())
            for r in open_reviews.order_by("due", "pk")]

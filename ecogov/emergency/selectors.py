"""Reads of this app (all through ``for_user``): the list pages, the point-to-point outcome query,
deadlines for the one due page and the home cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core import contrib
from ecogov.core.errors import NotFound
from ecogov.core.pages import ListPage
from ecogov.monitoring import selectors as monitoring

from . import filters, tables
from .choices import ActionStatus, FindingStatus, IncidentStatus, Outcome
from .models import (
    Consultation,
    ControlAction,
    Drill,
    EmergencyPlan,
    Hazard,
    HazardCampaign,
    HazardCheck,
    Incident,
    OzoneEntry,
    OzoneList,
    ReductionPlan,
)
from .services_episode import GOOD_AQI

LIST = "emergency/list.html"


def get(model, *, user, pk, action: str = "view"):
    obj = model.objects.for_user(user, action).filter(pk=pk).first()
    if obj is None:
        raise NotFound("not_found", "记录不存在或不在您的辖区内", "No such record in your jurisdiction")
    return obj


# ----------------------------------------------------------------------------- the point-to-point outcome


@dataclass(frozen=True)
class ActionOutcome:
    outcome: str
    forecast_aqi: int
    measured_aqi: int | None

    @property
    def label(self) -> str:
        return Outcome.label(self.outcome)


class OutcomeMemo:
    """Measured AQI per (area, day), each read once from monitoring."""

    def __init__(self, today: dt.date | None = None):
        self.today = today or timezone.localdate()
        self._aqi: dict[tuple[int, dt.date], int | None] = {}

    def measured(self, jurisdiction, day: dt.date) -> int | None:
        key = (jurisdiction.pk, day)
        if key not in self._aqi:
            self._aqi[key] = monitoring.area_daily_aqi(jurisdiction, day)
        return self._aqi[key]

    def outcome(self, action: ControlAction) -> ActionOutcome:
        """Kept good: measured AQI <= 100 on a day forecast above 100; improved: below the forecast
        but above 100; not improved: at or above the forecast; pending: the day is not over."""
        if action.day >= self.today:
            return ActionOutcome(Outcome.PENDING, action.forecast_aqi, None)
        aqi = self.measured(action.jurisdiction, action.day)
        if aqi is None:
            kind = Outcome.NO_DATA
        elif aqi <= GOOD_AQI:
            kind = Outcome.KEPT_GOOD
        elif aqi < action.forecast_aqi:
            kind = Outcome.IMPROVED
        else:
            kind = Outcome.NOT_IMPROVED
        return ActionOutcome(kind, action.forecast_aqi, aqi)

    def row(self, action: ControlAction) -> tuple[str, str]:
        result = self.outcome(action)
        return result.label, "" if result.measured_aqi is None else str(result.measured_aqi)


def actions_for(user):
    return ControlAction.objects.for_user(user).exclude(status=ActionStatus.DRAFT).select_related("jurisdiction")


def outcome_summary(user, *, start: dt.date, end: dt.date, jurisdiction=None, today: dt.date | None = None) -> dict:
    """"N actions, K kept the day good" over the issued actions of ``start``..``end`` in ``user``'s scope."""
    memo = OutcomeMemo(today)
    rows = actions_for(user).filter(day__gte=start, day__lte=end).within(jurisdiction).order_by("day", "pk")
    counts = dict.fromkeys(Outcome.values(), 0)
    for action in rows:
        counts[memo.outcome(action).outcome] += 1
    return {"actions": sum(counts.values()), **counts}


def ozone_page(user, ozone_list: OzoneList) -> dict:
    """An ozone-season list's page: its sources in ``user``'s scope, and each check round with how
    many sources were checked and how many kept their requirement."""
    entries = OzoneEntry.objects.for_user(user).filter(ozone_list=ozone_list).select_related("jurisdiction")
    rounds = ozone_list.rounds.annotate(
        checked=Count("checks", filter=Q(checks__entry__in=entries)),
        kept=Count("checks", filter=Q(checks__entry__in=entries, checks__compliant=True)))
    return {"obj": ozone_list, "entries": entries, "rounds": rounds}


# ----------------------------------------------------------------------------- list pages


INCIDENTS = ListPage(filterset=filters.IncidentFilterSet, columns=tables.INCIDENT_COLUMNS,
                     queryset=lambda user: Incident.objects.for_user(user).select_related("jurisdiction"),
                     title=_("Environmental emergencies"), filename="environmental-emergencies", template=LIST,
                     link="emergency:incident_detail")
PLANS = ListPage(filterset=filters.PlanFilterSet, columns=tables.PLAN_COLUMNS,
                 queryset=lambda user: EmergencyPlan.objects.for_user(user).select_related("jurisdiction"),
                 title=_("Emergency plans and manuals"), filename="emergency-plans", template=LIST,
                 link="emergency:plan_detail")
DRILLS = ListPage(filterset=filters.DrillFilterSet, columns=tables.DRILL_COLUMNS,
                  queryset=lambda user: Drill.objects.for_user(user).select_related("jurisdiction"),
                  title=_("Emergency drills"), filename="emergency-drills", template=LIST, link="emergency:drill_detail")
CAMPAIGNS = ListPage(filterset=filters.CampaignFilterSet, columns=tables.CAMPAIGN_COLUMNS,
                     queryset=lambda user: HazardCampaign.objects.for_user(user).select_related("jurisdiction"),
                     title=_("Hazard check campaigns"), filename="hazard-campaigns", template=LIST,
                     link="emergency:campaign_check")
CHECKS = ListPage(filterset=filters.CheckFilterSet, columns=tables.CHECK_COLUMNS,
                  queryset=lambda user: HazardCheck.objects.for_user(user).select_related(
                      "campaign", "supervised_object", "jurisdiction"),
                  title=_("Enterprise checklists"), filename="hazard-checks", template=LIST)
HAZARDS = ListPage(filterset=filters.HazardFilterSet, columns=tables.HAZARD_COLUMNS,
                   queryset=lambda user: Hazard.objects.for_user(user).select_related(
                       "check_record__supervised_object"),
                   title=_("Hazard list"), filename="hazard-list", template=LIST)
CONSULTATIONS = ListPage(filterset=filters.ConsultationFilterSet, columns=tables.CONSULTATION_COLUMNS,
                         queryset=lambda user: Consultation.objects.for_user(user).select_related(
                             "jurisdiction", "warning"),
                         title=_("Joint consultations"), filename="consultations", template=LIST)
ACTIONS = ListPage(filterset=filters.ActionFilterSet, columns=lambda user: tables.action_columns(OutcomeMemo().row),
                   queryset=lambda user: ControlAction.objects.for_user(user).select_related("jurisdiction"),
                   title=_("Point-to-point control actions"), filename="point-to-point-actions", template=LIST,
                   link="emergency:action_detail")
REDUCTION_PLANS = ListPage(filterset=filters.ReductionPlanFilterSet, columns=tables.REDUCTION_COLUMNS,
                           queryset=lambda user: ReductionPlan.objects.for_user(user).select_related(
                               "supervised_object").prefetch_related("targets"),
                           title=_("One-enterprise-one-policy plans"), filename="reduction-plans", template=LIST,
                           link="emergency:reduction_plan_detail")
OZONE_LISTS = ListPage(filterset=filters.OzoneListFilterSet, columns=tables.OZONE_COLUMNS,
                       queryset=lambda user: OzoneList.objects.for_user(user).select_related("jurisdiction"),
                       title=_("Ozone-season control lists"), filename="ozone-lists", template=LIST,
                       link="emergency:ozone_detail")


# ----------------------------------------------------------------------------- contributions


def due(user, *, today: dt.date, horizon_days: int) -> Iterator[contrib.Deadline]:
    """Lessons reports due after a response, compliance checks of issued actions, open hazards."""
    until = today + dt.timedelta(days=horizon_days)
    for i in Incident.objects.for_user(user).filter(status=IncidentStatus.ENDED, summary_due__lte=until):
        yield contrib.Deadline(kind="emergency", label=f"{i.code} {i.title}：总结评估", due=i.summary_due,
                               url=reverse("emergency:incident_detail", args=[i.pk]), note=i.status_label,
                               owner_ids=(i.owner_id,) if i.owner_id else ())
    for a in ControlAction.objects.for_user(user).filter(status=ActionStatus.ISSUED, check_due__lte=until):
        yield contrib.Deadline(kind="emergency", label=f"{a.code}：点对点管控核查", due=a.check_due,
                               url=reverse("emergency:action_detail", args=[a.pk]), note=a.status_label,
                               owner_ids=(a.owner_id,) if a.owner_id else ())
    hazards = Hazard.objects.for_user(user).exclude(status=FindingStatus.CLOSED).filter(due__lte=until)
    for h in hazards.select_related("check_record__supervised_object"):
        yield contrib.Deadline(kind="emergency", label=f"{h.check_record.supervised_object}：{h.description[:40]}",
                               due=h.due, url=reverse("emergency:hazard_list"), note=FindingStatus.label(h.status))


def home_cards(user) -> list[dict]:
    incidents = Incident.objects.for_user(user)
    if not incidents.exists() and not Drill.objects.for_user(user).exists():
        return []
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    summary = outcome_summary(user, start=start, end=today, today=today)
    return [
        {"label": "突发环境事件应急响应（本年）", "value": incidents.filter(occurred_at__date__gte=start).count(),
         "url": reverse("emergency:incident_list"),
         "note": f"应急演练 {Drill.objects.for_user(user).filter(date__gte=start).count()} 次"},
        {"label": "点对点管控（本年）", "value": summary["actions"], "url": reverse("emergency:action_list"),
         "note": f"保住优良 {summary[Outcome.KEPT_GOOD]} 次"},
    ]

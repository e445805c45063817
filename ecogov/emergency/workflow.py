"""The two workflows of this app (``ecogov.core.workflow``): the response to an environmental
emergency, step by step with the time of each step, and a point-to-point control action."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core import clock
from ecogov.core.errors import ValidationFailed, field_error
from ecogov.core.workflow import Rule, Workflow

from .choices import ActionStatus, IncidentStatus

#: Working days after the end of the response within which the lessons-learned report is due.
LESSONS_WORKING_DAYS = 15
RESPONDERS = frozenset({"admin", "leader", "officer", "district"})

#: The time field each step sets, in order; a step's time may not be before the one before it.
STEP_TIMES = (("reported", "reported_at"), ("on_site", "on_site_at"), ("monitoring", "monitoring_at"),
              ("controlled", "controlled_at"), ("ended", "ended_at"))


def _when() -> forms.DateTimeField:
    return forms.DateTimeField(label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


def _text(label) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}))


def _previous_time(incident) -> dt.datetime:
    times = [getattr(incident, f) for _state, f in STEP_TIMES if getattr(incident, f) is not None]
    return max(times)


def _time_guard(field: str):
    def guard(incident, data) -> None:
        when = data[field]
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
            data[field] = when
        if when > timezone.now():
            raise field_error(field, "时间不能晚于现在", "The time cannot be in the future")
        before = _previous_time(incident)
        if when < before:
            raise field_error(field, f"时间不能早于上一步（{timezone.localtime(before):%Y-%m-%d %H:%M}）",
                              f"The time cannot be before the previous step ({timezone.localtime(before):%Y-%m-%d %H:%M})")
    return guard


def _setter(time_field: str, note_field: str, extra=None):
    def apply(incident, data, actor) -> None:
        setattr(incident, time_field, data[time_field])
        setattr(incident, note_field, data[note_field])
        if extra is not None:
            extra(incident, data)
    return apply


def _lessons_due(incident, data) -> None:
    incident.summary_due = clock.add_working_days(timezone.localtime(data["ended_at"]).date(), LESSONS_WORKING_DAYS)


def _close(incident, data, actor) -> None:
    incident.lessons = data["lessons"]
    incident.closed_at = timezone.now()


def _step(time_field: str, note_field: str, zh: str, en: str, note_label, extra=None) -> Rule:
    return Rule(roles=RESPONDERS, requires=(time_field, note_field), guard=_time_guard(time_field),
                apply=_setter(time_field, note_field, extra), label_zh=zh, label_en=en,
                fields={time_field: _when(), note_field: _text(note_label)})


ON_SITE = _step("on_site_at", "on_site_note", "到达现场", "Arrive on site", _("On-site response"))
MONITORING = _step("monitoring_at", "monitoring_data", "开展应急监测", "Start emergency monitoring",
                   _("Monitoring data gathered"))
CONTROLLED = _step("controlled_at", "control_note", "事态得到控制", "Situation under control", _("Control measures"))
ENDED = _step("ended_at", "end_note", "终止应急响应", "End the response", _("Reason for ending"),
              extra=_lessons_due)

INCIDENT_WORKFLOW = Workflow(
    name="incident",
    states=IncidentStatus,
    field="status",
    initial=IncidentStatus.REPORTED,
    terminal=frozenset({IncidentStatus.CLOSED}),
    transitions={
        (IncidentStatus.REPORTED, IncidentStatus.ON_SITE): ON_SITE,
        (IncidentStatus.ON_SITE, IncidentStatus.MONITORING): MONITORING,
        (IncidentStatus.ON_SITE, IncidentStatus.CONTROLLED): CONTROLLED,
        (IncidentStatus.MONITORING, IncidentStatus.CONTROLLED): CONTROLLED,
        (IncidentStatus.CONTROLLED, IncidentStatus.ENDED): ENDED,
        (IncidentStatus.ENDED, IncidentStatus.CLOSED): Rule(
            roles=RESPONDERS, requires=("lessons",), apply=_close, label_zh="总结评估并结案",
            label_en="Record the lessons learned and close", fields={"lessons": _text(_("Lessons learned"))}),
    },
)


# ----------------------------------------------------------------------------- point-to-point control


def _has_targets(action, data) -> None:
    if not action.targets.exists():
        raise ValidationFailed("no_targets", "管控指令须至少点名一家企业或一个污染源",
                               "Name at least one enterprise or source before issuing the action")


def _issue(action, data, actor) -> None:
    action.issued_at = timezone.now()
    action.check_due = action.day


def _all_checked(action, data) -> None:
    missing = action.targets.filter(checks__isnull=True).count()
    if missing:
        raise ValidationFailed("unchecked_targets", f"还有 {missing} 个管控对象未核查",
                               f"{missing} target(s) have no compliance check yet")


def _day_over(action, data) -> None:
    if action.day >= timezone.localdate():
        raise ValidationFailed("day_not_over", "管控日尚未结束，不能结束指令",
                               "The controlled day is not over yet")


ACTION_WORKFLOW = Workflow(
    name="control_action",
    states=ActionStatus,
    field="status",
    initial=ActionStatus.DRAFT,
    terminal=frozenset({ActionStatus.CLOSED}),
    transitions={
        (ActionStatus.DRAFT, ActionStatus.ISSUED): Rule(
            roles=RESPONDERS, guard=_has_targets, apply=_issue, label_zh="下达管控指令", label_en="Issue"),
        (ActionStatus.ISSUED, ActionStatus.CHECKED): Rule(
            roles=RESPONDERS, guard=_all_checked, label_zh="核查完毕", label_en="All targets checked"),
        (ActionStatus.CHECKED, ActionStatus.CLOSED): Rule(
            roles=RESPONDERS, guard=_day_over, label_zh="结束指令", label_en="Close"),
    },
)

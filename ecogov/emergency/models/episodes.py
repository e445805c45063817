"""Episode controls (重污染天气与精准管控): joint consultations, point-to-point control actions with
their targets and compliance checks, one-enterprise-one-policy plans, ozone-season control lists."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from ..choices import ActionStatus, OzoneSourceKind, Pollutant

USER = settings.AUTH_USER_MODEL


class Consultation(models.Model):
    """A joint consultation (会商) on a forecast episode: who took part, the forecast, the decision."""

    date = models.DateField(_("date"))
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("area"))
    participants = models.TextField(_("participants"))
    forecast = models.TextField(_("forecast"))
    forecast_aqi = models.PositiveSmallIntegerField(_("forecast AQI (peak)"), null=True, blank=True)
    episode_start = models.DateField(_("episode from"), null=True, blank=True)
    episode_end = models.DateField(_("episode until"), null=True, blank=True)
    decision = models.TextField(_("decision"))
    warning = models.ForeignKey("monitoring.PollutionWarning", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("warning issued"))
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("joint consultation")
        verbose_name_plural = _("joint consultations")

    def __str__(self) -> str:
        return f"{self.date} {self.jurisdiction}"


class ControlAction(models.Model):
    """A point-to-point control action (点对点应急管控) for one forecast bad day."""

    code = models.CharField(_("number"), max_length=30, unique=True)
    day = models.DateField(_("day controlled"), db_index=True)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("area"))
    consultation = models.ForeignKey(Consultation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="actions", verbose_name=_("consultation"))
    forecast_aqi = models.PositiveSmallIntegerField(_("forecast AQI"))
    warning_level = models.CharField(_("measures of warning level"), max_length=8, default="yellow")
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices(), default=ActionStatus.DRAFT,
                              db_index=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    check_due = models.DateField(_("compliance checks due"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    owner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("point-to-point control action")
        verbose_name_plural = _("point-to-point control actions")

    def __str__(self) -> str:
        return f"{self.code} {self.day}"

    @property
    def status_label(self) -> str:
        return ActionStatus.label(self.status)


class ControlTarget(models.Model):
    """An enterprise or source named by an action, with the measure it must take."""

    action = models.ForeignKey(ControlAction, on_delete=models.CASCADE, related_name="targets")
    supervised_object = models.ForeignKey("registry.SupervisedObject", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+", verbose_name=_("enterprise"))
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    measure = models.CharField(_("measure required"), max_length=200)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "action__jurisdiction"

    class Meta:
        ordering = ["action", "id"]

    def __str__(self) -> str:
        return str(self.supervised_object or self.source_name)


class ComplianceCheck(models.Model):
    target = models.ForeignKey(ControlTarget, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField(_("checked at"))
    compliant = models.BooleanField(_("measure in place"))
    note = models.TextField(_("what was seen"), blank=True)
    checked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ledger_item = models.PositiveBigIntegerField(_("ledger item"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "target__action__jurisdiction"

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("compliance check")
        verbose_name_plural = _("compliance checks")

    def __str__(self) -> str:
        return f"{self.target} {self.checked_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("emergency:action_detail", args=[self.target.action_id])


class ReductionPlan(models.Model):
    """A one-enterprise-one-policy reduction plan (一企一策)."""

    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("enterprise"))
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    measures = models.TextField(_("measures"))
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_date = models.DateField(_("last follow-up"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["supervised_object", "year"], name="emergency_one_plan_a_year")]
        verbose_name = _("one-enterprise-one-policy plan")
        verbose_name_plural = _("one-enterprise-one-policy plans")

    def __str__(self) -> str:
        return f"{self.supervised_object} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("emergency:reduction_plan_detail", args=[self.pk])


class ReductionTarget(models.Model):
    plan = models.ForeignKey(ReductionPlan, on_delete=models.CASCADE, related_name="targets")
    pollutant = models.CharField(_("pollutant"), max_length=6, choices=Pollutant.choices())
    baseline_t = models.FloatField(_("baseline emission (t/a)"))
    target_pct = models.FloatField(_("reduction target (%)"))
    achieved_pct = models.FloatField(_("reduction achieved (%)"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "plan__jurisdiction"
    enterprise_lookup = "plan__supervised_object"

    class Meta:
        ordering = ["plan", "pollutant"]
        constraints = [models.UniqueConstraint(fields=["plan", "pollutant"], name="emergency_target_per_pollutant")]

    def __str__(self) -> str:
        return f"{self.plan} {self.pollutant} {self.target_pct:g}%"

    @property
    def met(self) -> bool | None:
        return None if self.achieved_pct is None else self.achieved_pct >= self.target_pct


class OzoneList(models.Model):
    """An ozone-season control list (臭氧管控期) of VOCs / NOx sources of one area and year."""

    name = models.CharField(_("name"), max_length=200)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("control period from"))
    end = models.DateField(_("control period until"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("ozone-season control list")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("emergency:ozone_detail", args=[self.pk])


class OzoneEntry(models.Model):
    ozone_list = models.ForeignKey(OzoneList, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=16, choices=OzoneSourceKind.choices())
    name = models.CharField(_("source"), max_length=200)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    supervised_object = models.ForeignKey("registry.SupervisedObject", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    requirement = models.CharField(_("requirement"), max_length=200)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["ozone_list", "kind", "id"]

    def __str__(self) -> str:
        return self.name


class OzoneRound(models.Model):
    ozone_list = models.ForeignKey(OzoneList, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "ozone_list__jurisdiction"

    class Meta:
        ordering = ["ozone_list", "number"]
        constraints = [models.UniqueConstraint(fields=["ozone_list", "number"], name="emergency_ozone_round_unique")]

    def __str__(self) -> str:
        return f"{self.ozone_list} #{self.number}"


class OzoneCheck(models.Model):
    round = models.ForeignKey(OzoneRound, on_delete=models.CASCADE, related_name="checks")
    entry = models.ForeignKey(OzoneEntry, on_delete=models.CASCADE, related_name="checks")
    date = models.DateField(_("date"))
    compliant = models.BooleanField(_("compliant"))
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "entry__jurisdiction"

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["round", "entry"], name="emergency_ozone_check_once")]

    def __str__(self) -> str:
        return f"{self.entry} {self.date}"

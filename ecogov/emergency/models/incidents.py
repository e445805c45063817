"""Environmental emergencies (突发环境事件): events and their response, plans with versions, drills
with findings, and hidden-hazard check campaigns (隐患排查) with their dynamic hazard list."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from ..choices import (
    CheckResult,
    Facility,
    FindingStatus,
    HazardLevel,
    IncidentKind,
    IncidentLevel,
    IncidentStatus,
    Medium,
    PlanKind,
)

USER = settings.AUTH_USER_MODEL


class Incident(models.Model):
    """One environmental emergency and its response, step by step with the time of each step."""

    code = models.CharField(_("number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=IncidentLevel.choices(), default=IncidentLevel.GENERAL)
    kind = models.CharField(_("type"), max_length=12, choices=IncidentKind.choices())
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("area"))
    location = models.CharField(_("location"), max_length=200)
    lon = models.FloatField(_("longitude (WGS-84)"), null=True, blank=True)
    lat = models.FloatField(_("latitude (WGS-84)"), null=True, blank=True)
    media = models.JSONField(_("affected media"), default=list, blank=True)
    supervised_object = models.ForeignKey("registry.SupervisedObject", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+",
                                          verbose_name=_("enterprise involved"))
    occurred_at = models.DateTimeField(_("occurred at"))
    reported_at = models.DateTimeField(_("reported at"))
    on_site_at = models.DateTimeField(_("on site at"), null=True, blank=True)
    monitoring_at = models.DateTimeField(_("monitoring started at"), null=True, blank=True)
    controlled_at = models.DateTimeField(_("under control at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("response ended at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    summary_due = models.DateField(_("lessons report due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=IncidentStatus.choices(),
                              default=IncidentStatus.REPORTED, db_index=True)
    description = models.TextField(_("description"), blank=True)
    on_site_note = models.TextField(_("on-site response"), blank=True)
    monitoring_data = models.TextField(_("monitoring data gathered"), blank=True)
    control_note = models.TextField(_("control measures"), blank=True)
    end_note = models.TextField(_("reason for ending the response"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    owner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("owner"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("environmental emergency")
        verbose_name_plural = _("environmental emergencies")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def status_label(self) -> str:
        return IncidentStatus.label(self.status)

    @property
    def level_label(self) -> str:
        return IncidentLevel.label(self.level)

    @property
    def kind_label(self) -> str:
        return IncidentKind.label(self.kind)

    @property
    def media_label(self) -> str:
        return "、".join(Medium.label(m) for m in self.media or [])


class EmergencyPlan(models.Model):
    """An emergency plan or a response manual; its text lives in versions."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=PlanKind.choices(), default=PlanKind.PLAN)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("area"))
    supervised_object = models.ForeignKey("registry.SupervisedObject", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+", verbose_name=_("enterprise"))
    current_version = models.CharField(_("current version"), max_length=20, blank=True)
    review_due = models.DateField(_("review due"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("emergency:plan_detail", args=[self.pk])


class PlanVersion(models.Model):
    plan = models.ForeignKey(EmergencyPlan, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=20)
    issued = models.DateField(_("issued on"))
    summary = models.TextField(_("what changed"), blank=True)
    document = models.FileField(_("document"), upload_to="emergency/plans/%Y/", blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "plan__jurisdiction"

    class Meta:
        ordering = ["plan", "-issued", "-id"]
        constraints = [models.UniqueConstraint(fields=["plan", "version"], name="emergency_plan_version_unique")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.version}"


class Drill(models.Model):
    """An emergency drill (应急演练): scenario, units taking part and the findings."""

    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    scenario = models.TextField(_("scenario"))
    units = models.TextField(_("units taking part"))
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("area"))
    plan = models.ForeignKey(EmergencyPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="drills",
                             verbose_name=_("plan exercised"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    summary = models.TextField(_("evaluation"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class DrillFinding(models.Model):
    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("finding"))
    status = models.CharField(_("status"), max_length=8, choices=FindingStatus.choices(), default=FindingStatus.OPEN)
    ledger_item = models.PositiveBigIntegerField(_("ledger item"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "drill__jurisdiction"

    class Meta:
        ordering = ["drill", "id"]
        verbose_name = _("drill finding")
        verbose_name_plural = _("drill findings")

    def __str__(self) -> str:
        return self.text[:40]

    def get_absolute_url(self) -> str:
        return reverse("emergency:drill_detail", args=[self.drill_id])


class HazardCampaign(models.Model):
    """A hidden-hazard check campaign (e.g. a hundred-day action, 百日攻坚) with its target number of checks."""

    name = models.CharField(_("name"), max_length=200)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("area"))
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    target_checks = models.PositiveIntegerField(_("planned enterprise checks"), default=0)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("hazard check campaign")
        verbose_name_plural = _("hazard check campaigns")

    def __str__(self) -> str:
        return self.name


class HazardCheck(models.Model):
    """One enterprise checked in a campaign; ``results`` maps each checklist class to ok / hazard / n.a."""

    campaign = models.ForeignKey(HazardCampaign, on_delete=models.CASCADE, related_name="checks")
    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("enterprise"))
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    results = models.JSONField(_("checklist"), default=dict)
    checked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "supervised_object"],
                                               name="emergency_one_check_per_campaign")]

    def __str__(self) -> str:
        return f"{self.supervised_object} {self.date}"

    @property
    def hazard_count(self) -> int:
        return sum(1 for v in (self.results or {}).values() if v == CheckResult.HAZARD)

    def result_label(self, key: str) -> str:
        return CheckResult.label((self.results or {}).get(key, ""))


class Hazard(models.Model):
    """An entry of the dynamic hazard list: open until its ledger item is closed (四查一改)."""

    check_record = models.ForeignKey(HazardCheck, on_delete=models.CASCADE, related_name="hazards")
    facility = models.CharField(_("checklist class"), max_length=12, choices=Facility.choices())
    level = models.CharField(_("level"), max_length=8, choices=HazardLevel.choices(), default=HazardLevel.GENERAL)
    description = models.TextField(_("hazard"))
    found = models.DateField(_("found on"))
    due = models.DateField(_("rectify by"))
    status = models.CharField(_("status"), max_length=8, choices=FindingStatus.choices(), default=FindingStatus.OPEN,
                              db_index=True)
    ledger_item = models.PositiveBigIntegerField(_("ledger item"), null=True, blank=True)
    closed = models.DateField(_("closed on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "check_record__jurisdiction"

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")

    def __str__(self) -> str:
        return self.description[:40]

    def get_absolute_url(self) -> str:
        return f"{reverse('emergency:hazard_list')}?campaign={self.check_record.campaign_id}"

"""Double-random supervision (一单两库): the inspection item list, plans and their
verifiable draws, officer assignments, conflicts of interest, inspections,
off-site checks of positive-list objects. What a finding leads to (a
rectification item, a penalty case) belongs to the app that owns it (see
``outcomes``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from .choices import (
    InspectionResult,
    OffsiteMethod,
    OffsiteResult,
    PeriodType,
    PlanLevel,
    PlanStatus,
    Scheme,
)

# Roles that may see a plan's drawn list before the seed is revealed ("the plan's roles").
PLAN_ROLE_ACTIONS = {
    "street": set(),
    "enterprise": set(),
}


class InspectionItem(models.Model):
    """One entry of the inspection item list (抽查事项清单); edits create a new version."""

    code = models.CharField(_("code"), max_length=30, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True, db_index=True)
    name = models.CharField(_("item"), max_length=200)
    legal_basis = models.TextField(_("legal basis"))
    target_type = models.CharField(_("target type"), max_length=100)
    sampling_ratio = models.CharField(_("sampling ratio"), max_length=60, blank=True)
    frequency = models.CharField(_("frequency"), max_length=60, blank=True)
    method = models.CharField(_("method"), max_length=100, blank=True)
    officer_requirements = models.CharField(_("officer requirements"), max_length=200, blank=True)
    checklist = models.JSONField(_("checklist points"), default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None  # city-wide reference data

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="uniq_item_version")]
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")

    def __str__(self) -> str:
        return f"{self.code} {self.name} v{self.version}"


class ConflictOfInterest(models.Model):
    """A declared conflict of interest (回避) between an officer and a supervised object."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts",
                                verbose_name=_("officer"))
    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.CASCADE,
                                          related_name="officer_conflicts", verbose_name=_("supervised object"))
    reason = models.TextField(_("reason"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    role_actions = PLAN_ROLE_ACTIONS

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return f"{self.officer} / {self.supervised_object}"


class InspectionPlan(models.Model):
    """A double-random plan for one jurisdiction and period, with its draw commitment."""

    code = models.CharField(_("plan code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="inspection_plans",
                                     verbose_name=_("jurisdiction"))
    level = models.CharField(_("level"), max_length=10, choices=PlanLevel.choices(), default=PlanLevel.CITY)
    period_type = models.CharField(_("period"), max_length=10, choices=PeriodType.choices(), default=PeriodType.QUARTER)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices(), default=Scheme.JIANGXI)
    stratify = models.CharField(_("strata"), max_length=10, default="class")
    ratios = models.JSONField(_("ratios per stratum"), default=dict)
    per_officer_year = models.JSONField(_("units per officer per year"), default=dict, blank=True)
    cycle_years = models.JSONField(_("cycle (years) per stratum"), default=dict, blank=True)
    items = models.ManyToManyField(InspectionItem, blank=True, related_name="plans", verbose_name=_("inspection items"))
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices(), default=PlanStatus.DRAFT,
                              db_index=True)

    officer_count = models.PositiveIntegerField(_("officers in the pool"), default=0)
    quota = models.JSONField(_("quota per stratum"), default=dict, blank=True)
    pool_counts = models.JSONField(_("pool size per stratum"), default=dict, blank=True)
    snapshot = models.TextField(_("pool snapshot (ecogov-draw/1 document)"), blank=True, editable=False)
    snapshot_sha256 = models.CharField(_("pool snapshot SHA-256"), max_length=64, blank=True)
    seed_hex = models.CharField(max_length=64, blank=True, editable=False)  # secret until revealed
    seed_sha256 = models.CharField(_("seed commitment SHA-256"), max_length=64, blank=True)
    seed_revealed = models.BooleanField(_("seed revealed"), default=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    public_filter = {"status": PlanStatus.PUBLISHED}
    role_actions = PLAN_ROLE_ACTIONS

    class Meta:
        ordering = ["-period_start", "code"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("supervision:plan_detail", args=[self.pk])

    @property
    def status_label(self) -> str:
        return PlanStatus.label(self.status)

    @property
    def revealed_seed(self) -> str:
        return self.seed_hex if self.seed_revealed else ""


class PositiveListInclusion(models.Model):
    """An approver's recorded reason to include a positive-list object in an on-site draw."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="inclusions")
    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.CASCADE, related_name="+",
                                          verbose_name=_("supervised object"))
    reason = models.TextField(_("reason"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "plan__jurisdiction"
    role_actions = PLAN_ROLE_ACTIONS

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "supervised_object"], name="uniq_plan_inclusion")]

    def __str__(self) -> str:
        return f"{self.plan} + {self.supervised_object}"


class DrawnObject(models.Model):
    """One object drawn by a plan, with its rank and its assigned officers."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="drawn")
    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.PROTECT,
                                          related_name="draws", verbose_name=_("supervised object"))
    stratum = models.CharField(_("stratum"), max_length=10)
    rank = models.PositiveIntegerField(_("rank"))
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="drawn_assignments",
                                      verbose_name=_("officers"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "plan__jurisdiction"
    public_filter = {"plan__status": PlanStatus.PUBLISHED}
    role_actions = PLAN_ROLE_ACTIONS

    class Meta:
        ordering = ["plan", "stratum", "rank"]
        constraints = [models.UniqueConstraint(fields=["plan", "supervised_object"], name="uniq_plan_object")]

    def __str__(self) -> str:
        return f"{self.plan.code} {self.stratum}#{self.rank}"


class Inspection(models.Model):
    """An on-site inspection record (drawn by a plan, or ad hoc)."""

    plan = models.ForeignKey(InspectionPlan, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="inspections", verbose_name=_("plan"))
    drawn = models.OneToOneField(DrawnObject, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="inspection")
    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.PROTECT,
                                          related_name="inspections", verbose_name=_("supervised object"))
    date = models.DateField(_("inspection date"), db_index=True)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="inspections", verbose_name=_("officers"))
    result = models.CharField(_("result"), max_length=12, choices=InspectionResult.choices(),
                              default=InspectionResult.NO_PROBLEM, db_index=True)
    summary = models.TextField(_("summary"), blank=True)
    joint_action = models.BooleanField(_("joint action"), default=False)
    night_action = models.BooleanField(_("night action"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.supervised_object} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:inspection_detail", args=[self.pk])

    @property
    def result_label(self) -> str:
        return InspectionResult.label(self.result)


class Finding(models.Model):
    """The finding for one checklist point of an inspection."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(InspectionItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    point = models.CharField(_("checklist point"), max_length=200)
    compliant = models.BooleanField(_("compliant"), default=True)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "inspection__supervised_object__jurisdiction"
    enterprise_lookup = "inspection__supervised_object"

    class Meta:
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return self.point


class OffsiteCheck(models.Model):
    """An off-site check (非现场检查) of a positive-list object."""

    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.PROTECT,
                                          related_name="offsite_checks", verbose_name=_("supervised object"))
    date = models.DateField(_("date"), db_index=True)
    method = models.CharField(_("method"), max_length=12, choices=OffsiteMethod.choices())
    result = models.CharField(_("result"), max_length=10, choices=OffsiteResult.choices(), default=OffsiteResult.NORMAL)
    note = models.TextField(_("note"), blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("officer"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("off-site check")
        verbose_name_plural = _("off-site checks")

    def __str__(self) -> str:
        return f"{self.supervised_object} {self.date} {self.method}"


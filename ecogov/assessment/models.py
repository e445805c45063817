"""Assessment models: comparison figures of the province's cities, scorecard units,
the dated yearly methodologies (indicators, weights, scoring rules, veto rules),
veto events, the frozen published results and their data corrections, the
ecological "exam paper", the project register and basin compensation agreements.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from .choices import (
    ComparisonGroup,
    CorrectionStatus,
    Grade,
    MethodologyStatus,
    PeerGroup,
    UnitKind,
    VetoCondition,
    VetoConsequence,
)


class PeerCityAir(models.Model):
    """Year-to-date air figures of another city through ``month`` (12 = the year), as the provincial
    or national bulletin publishes them (entered or imported), for the "n-th of 11" ranking among the
    province's cities (``group`` province) and the ranking among the 168 key cities (``group`` national)."""

    group = models.CharField(_("comparison group"), max_length=10, choices=ComparisonGroup.choices(),
                             default="province")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("through month"))
    city = models.CharField(_("city"), max_length=60)
    composite = models.FloatField(_("composite index"))
    pm25 = models.FloatField(_("PM2.5 (µg/m³)"), null=True, blank=True)
    good_ratio = models.FloatField(_("good-day ratio (%)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=120, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None  # published figures: every signed-in user reads them

    class Meta:
        ordering = ["group", "year", "month", "composite"]
        constraints = [models.UniqueConstraint(fields=["group", "year", "month", "city"],
                                               name="assessment_peer_group_city_month")]
        verbose_name = _("comparison city figures")

    def __str__(self) -> str:
        return f"{self.city} {self.year}-{self.month:02d} ({self.group})"


class Unit(models.Model):
    """A unit assessed by a scorecard: a district, a street/town or an industrial park."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=UnitKind.choices())
    peer_group = models.CharField(_("peer group"), max_length=10, choices=PeerGroup.choices())
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("jurisdiction"))
    active = models.BooleanField(_("active"), default=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["kind", "peer_group", "jurisdiction__code", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="assessment_unit_kind_name")]
        verbose_name = _("assessed unit")

    def __str__(self) -> str:
        return self.name


class Methodology(models.Model):
    """The yearly assessment methodology of one unit kind, versioned and dated; frozen when published."""

    kind = models.CharField(_("unit kind"), max_length=10, choices=UnitKind.choices())
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    valid_from = models.DateField(_("valid from"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=MethodologyStatus.choices(),
                              default=MethodologyStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    correction_until = models.DateField(_("corrections accepted until"), null=True, blank=True)
    grades = models.JSONField(_("grade thresholds"), default=dict, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        ordering = ["-year", "kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "year", "version"], name="assessment_method_version")]
        verbose_name = _("assessment methodology")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.status == MethodologyStatus.PUBLISHED


class MethodologyItem(models.Model):
    """One indicator of a methodology: its weight and scoring rule (``rule`` JSON, see ``scoring``)."""

    methodology = models.ForeignKey(Methodology, on_delete=models.CASCADE, related_name="items")
    indicator = models.CharField(_("indicator"), max_length=60)
    weight = models.FloatField(_("weight"))
    rule = models.JSONField(_("scoring rule"))
    bonus = models.BooleanField(_("bonus item (points added, not weighted)"), default=False)
    order = models.PositiveSmallIntegerField(default=100)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["methodology", "indicator"], name="assessment_item_once")]

    def __str__(self) -> str:
        return f"{self.methodology_id} {self.indicator}"


class VetoRule(models.Model):
    """A one-vote veto rule of a methodology: the condition and its consequence."""

    methodology = models.ForeignKey(Methodology, on_delete=models.CASCADE, related_name="vetoes")
    condition = models.CharField(_("condition"), max_length=20, choices=VetoCondition.choices())
    consequence = models.CharField(_("consequence"), max_length=20, choices=VetoConsequence.choices())
    cap_grade = models.CharField(_("grade cap"), max_length=10, choices=Grade.choices(), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{VetoCondition.label(self.condition)} → {VetoConsequence.label(self.consequence)}"


class VetoEvent(models.Model):
    """A recorded fact that triggers a veto condition for a unit in a year (with its evidence)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="veto_events")
    year = models.PositiveSmallIntegerField(_("year"))
    condition = models.CharField(_("condition"), max_length=20, choices=VetoCondition.choices())
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    evidence = models.CharField(_("evidence (document number or link)"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "unit__jurisdiction"

    class Meta:
        ordering = ["-date"]
        verbose_name = _("veto event")

    def __str__(self) -> str:
        return f"{self.unit} {VetoCondition.label(self.condition)} {self.date}"


class ScorecardResult(models.Model):
    """The published (frozen) result of a unit under a methodology: every number and where it came from.

    ``indicators``: ``{key: {"value", "score", "coverage", "weight", "status", "detail"}}``;
    ``veto``: None or ``{"condition", "consequence", "reason", "evidence"}``.
    """

    methodology = models.ForeignKey(Methodology, on_delete=models.PROTECT, related_name="results")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="results")
    score_before_veto = models.FloatField(_("score before veto"), null=True)
    score = models.FloatField(_("score"), null=True)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices(), blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True)
    veto = models.JSONField(_("veto"), null=True, blank=True)
    indicators = models.JSONField(_("indicators"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "unit__jurisdiction"

    class Meta:
        ordering = ["methodology", "rank", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["methodology", "unit"], name="assessment_result_once")]
        verbose_name = _("scorecard result")

    def __str__(self) -> str:
        return f"{self.unit} {self.methodology.year}"


class DataCorrection(models.Model):
    """A unit's request, inside the correction window, to correct one indicator value of a published result."""

    result = models.ForeignKey(ScorecardResult, on_delete=models.CASCADE, related_name="corrections")
    indicator = models.CharField(_("indicator"), max_length=60)
    old_value = models.FloatField(_("published value"), null=True)
    new_value = models.FloatField(_("corrected value"))
    reason = models.TextField(_("reason and evidence"))
    status = models.CharField(_("status"), max_length=10, choices=CorrectionStatus.choices(),
                              default=CorrectionStatus.REQUESTED)
    decision = models.TextField(_("decision note"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "result__unit__jurisdiction"

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("data correction")

    def __str__(self) -> str:
        return f"{self.result} {self.indicator}"


class EcoIndicator(models.Model):
    """An indicator of the ecological "exam paper" (国家生态文明建设示范市县建设指标 and local ones).

    ``computed``: the key of a figure the platform computes itself (``air_good_ratio``, ``pm25``,
    ``water_good_ratio``, ``drinking_water``); blank = entered or imported each year.
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("category"), max_length=40)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.FloatField(_("target"))
    direction = models.CharField(_("direction"), max_length=6, default="higher")
    department = models.CharField(_("source department"), max_length=60, blank=True)
    computed = models.CharField(_("computed by the platform"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(default=100)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("ecological indicator")

    def __str__(self) -> str:
        return self.name


class EcoIndicatorValue(models.Model):
    """The yearly value of an entered indicator, with its evidence."""

    indicator = models.ForeignKey(EcoIndicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="assessment_eco_value_year")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class Programme(models.Model):
    """A programme of projects (58 key projects, the Taihu projects, rain and sewage separation...)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    year_start = models.PositiveSmallIntegerField(_("from year"))
    year_end = models.PositiveSmallIntegerField(_("to year"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        ordering = ["-year_start", "name"]
        verbose_name = _("programme")

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A project of a programme: responsible unit, investment, milestones and progress against plan.

    ``milestones``: ``[{"name", "due": "YYYY-MM-DD", "share": percent}]``; investments in CNY 10,000.
    """

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="projects")
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=40)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("responsible unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    planned_investment = models.DecimalField(_("planned investment (CNY 10,000)"), max_digits=12, decimal_places=2)
    actual_investment = models.DecimalField(_("actual investment (CNY 10,000)"), max_digits=12, decimal_places=2,
                                            default=0)
    start = models.DateField(_("start"))
    deadline = models.DateField(_("planned completion"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    milestones = models.JSONField(_("milestones"), default=list, blank=True)
    indicator = models.CharField(_("assessment indicator"), max_length=60, blank=True)
    ledger_ref = models.CharField(_("linked ledger item"), max_length=60, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["programme", "category", "code"]
        verbose_name = _("project")

    def __str__(self) -> str:
        return self.name


class CompensationAgreement(models.Model):
    """A versioned basin horizontal ecological compensation agreement between two units.

    ``rule``: ``{"kind": "per_month", "met": M, "missed": N}`` (CNY 10,000 per section-month meeting
    or missing its target: the downstream pays M, the upstream pays N) or ``{"kind": "per_step",
    "step": S, "met": M}`` (S per class step above the target); ``sections``: section codes.
    """

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    upstream = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("upstream"))
    downstream = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("downstream"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    sections = models.JSONField(_("boundary sections"), default=list)
    rule = models.JSONField(_("rule"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "upstream"

    class Meta:
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="assessment_agreement_version")]
        verbose_name = _("compensation agreement")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

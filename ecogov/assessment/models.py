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
    CorrectionStatus,
    Grade,
    MethodologyStatus,
    PeerGroup,
    UnitKind,
    VetoCondition,
    VetoConsequence,
)


class PeerCityAir(models.Model):
    """Year-to-date air figures of another city of the province through ``month`` (12 = the year),
    as the provincial bulletin publishes them (entered or imported), for the "n-th of 11" ranking."""

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
        ordering = ["year", "month", "composite"]
        constraints = [models.UniqueConstraint(fields=["year", "month", "city"], name="assessment_peer_city_month")]
        verbose_name = _("comparison city figures")

    def __str__(self) -> str:
        return f"{self.city} {self.year}-{self.month:02d}"


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

"""The inventory of pollution sources beyond the permit registry (污染源清单) and
the patrol checks that keep it up to date."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from .choices import BareClass, CheckOutcome, CoverState, DustLevel, SourceKind, SourceState


class Source(models.Model):
    """A construction site, road, bare land, restaurant, filling station, car-repair shop or
    congested road segment, with its location (GeoJSON in WGS-84) and its grid cell."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices(), db_index=True)
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("grid cell or street"))
    geometry = models.JSONField(_("location (GeoJSON, WGS-84)"))
    lon = models.FloatField(_("longitude (WGS-84)"), db_index=True)
    lat = models.FloatField(_("latitude (WGS-84)"), db_index=True)
    min_lon = models.FloatField(editable=False, default=0)
    min_lat = models.FloatField(editable=False, default=0)
    max_lon = models.FloatField(editable=False, default=0)
    max_lat = models.FloatField(editable=False, default=0)
    state = models.CharField(_("state"), max_length=10, choices=SourceState.choices(), default=SourceState.ACTIVE)
    holder = models.CharField(_("responsible holder"), max_length=120, blank=True,
                              help_text=_("For a construction site: the dust-responsibility holder."))
    holder_phone = models.CharField(_("holder phone"), max_length=30, blank=True)
    dust_level = models.CharField(_("dust level"), max_length=10, choices=DustLevel.choices(), blank=True)
    cover_state = models.CharField(_("cover state"), max_length=10, choices=CoverState.choices(), blank=True)
    bare_class = models.CharField(_("bare-land class"), max_length=2, choices=BareClass.choices(), blank=True)
    has_purifier = models.BooleanField(_("fume purifier installed"), null=True, blank=True)
    last_checked = models.DateField(_("last checked"), null=True, blank=True, db_index=True)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["kind", "code"]
        indexes = [models.Index(fields=["min_lon", "max_lon", "min_lat", "max_lat"], name="inventory_bbox")]
        verbose_name = _("inventory source")
        verbose_name_plural = _("inventory sources")

    def __str__(self) -> str:
        return f"{self.name}（{SourceKind.label(self.kind)}）"

    @property
    def kind_label(self) -> str:
        return SourceKind.label(self.kind)

    @property
    def state_label(self) -> str:
        return SourceState.label(self.state)


class SourceCheck(models.Model):
    """One patrol check of a source (巡查记录); a problem can raise a rectification ledger item."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="checks", verbose_name=_("source"))
    date = models.DateField(_("date"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("checked by"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=CheckOutcome.choices())
    findings = models.TextField(_("findings"), blank=True)
    dust_level = models.CharField(_("dust level seen"), max_length=10, choices=DustLevel.choices(), blank=True)
    cover_state = models.CharField(_("cover state seen"), max_length=10, choices=CoverState.choices(), blank=True)
    ledger_ref = models.CharField(_("ledger item"), max_length=60, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "source__jurisdiction"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("patrol check")
        verbose_name_plural = _("patrol checks")

    def __str__(self) -> str:
        return f"{self.source.code} {self.date:%Y-%m-%d}"

    @property
    def outcome_label(self) -> str:
        return CheckOutcome.label(self.outcome)


class MobileRun(models.Model):
    """One mobile-monitoring run (走航监测): a vehicle driving the roads with a particulate monitor.

    The readings are kept compactly in ``readings`` (a run has a few thousand points): a list of
    ``[time ISO, lon, lat, pm10, pm25, tsp or null, matched road pk or null]``, lon/lat in WGS-84,
    concentrations in µg/m³. ``reference`` is the SHA-256 of the readings, so one run is imported once.
    """

    reference = models.CharField(_("reference"), max_length=64, unique=True)
    vehicle = models.CharField(_("vehicle or team"), max_length=80, blank=True)
    date = models.DateField(_("date"), db_index=True)
    datum = models.CharField(_("datum of the input"), max_length=10)
    note = models.TextField(_("note"), blank=True)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("imported for"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("imported by"))
    n_readings = models.PositiveIntegerField(_("readings"), default=0)
    n_matched = models.PositiveIntegerField(_("readings matched to a road"), default=0)
    n_unmatched = models.PositiveIntegerField(_("readings matched to no road"), default=0)
    n_roads = models.PositiveIntegerField(_("roads"), default=0)
    readings = models.JSONField(_("readings"), default=list, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("mobile-monitoring run")
        verbose_name_plural = _("mobile-monitoring runs")

    def __str__(self) -> str:
        return f"走航 {self.date:%Y-%m-%d} {self.vehicle}".strip()


class MobileRunRoad(models.Model):
    """A road a run passed: its matched readings' count and means, and the dust level they give."""

    run = models.ForeignKey(MobileRun, on_delete=models.CASCADE, related_name="roads", verbose_name=_("run"))
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="mobile_results",
                               verbose_name=_("road"))
    n_readings = models.PositiveIntegerField(_("readings"))
    mean_pm10 = models.FloatField(_("mean PM10 (µg/m³)"))
    mean_pm25 = models.FloatField(_("mean PM2.5 (µg/m³)"))
    dust_level = models.CharField(_("dust level"), max_length=10, choices=DustLevel.choices())
    applied = models.BooleanField(_("set on the road"), default=True,
                                  help_text=_("False when the road had a later check or run."))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "source__jurisdiction"

    class Meta:
        ordering = ["run", "source__code"]
        constraints = [models.UniqueConstraint(fields=["run", "source"], name="inventory_mobile_run_road")]
        verbose_name = _("mobile-monitoring road result")
        verbose_name_plural = _("mobile-monitoring road results")

    def __str__(self) -> str:
        return f"{self.run} {self.source.code}"

    @property
    def dust_level_label(self) -> str:
        return DustLevel.label(self.dust_level)

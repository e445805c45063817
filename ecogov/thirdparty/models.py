"""Third parties under online supervision (第三方机构在线监管): environmental testing
agencies and vehicle-emission inspection stations, their test lines and
instruments, the test records they upload, and the fraud-indicator hits found
in those records (each one checked, dismissed, or referred for a penalty case)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from .choices import FraudKind, HitStatus, SourceStatus, StationKind, TestMethod, TestResult, WasteRole


class Station(models.Model):
    """A testing agency or a vehicle-emission inspection station."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=StationKind.choices(),
                            default=StationKind.VEHICLE_STATION)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, verbose_name=_("jurisdiction"))
    supervised_object = models.ForeignKey("registry.SupervisedObject", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("registered party"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    opens = models.TimeField(_("opens at"), default=dt.time(8, 0))
    closes = models.TimeField(_("closes at"), default=dt.time(18, 0))
    active = models.BooleanField(_("online supervision active"), default=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["code"]
        verbose_name = _("testing agency or station")

    def __str__(self) -> str:
        return self.name


class Line(models.Model):
    """A test line of a station with its instrument (analyser, dynamometer...)."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="lines", verbose_name=_("station"))
    code = models.CharField(_("line"), max_length=20)
    method = models.CharField(_("method"), max_length=12, choices=TestMethod.choices())
    instrument = models.CharField(_("instrument"), max_length=120, blank=True)
    instrument_serial = models.CharField(_("instrument serial number"), max_length=60, blank=True)
    calibrated_on = models.DateField(_("last calibrated on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "station__jurisdiction"

    class Meta:
        ordering = ["station", "code"]
        constraints = [models.UniqueConstraint(fields=["station", "code"], name="thirdparty_line_unique")]
        verbose_name = _("test line")

    def __str__(self) -> str:
        return f"{self.station.code}/{self.code}"


class TestRecord(models.Model):
    """One uploaded test: vehicle, times, result and the second-by-second readings (the curve)."""

    __test__ = False  # not a pytest class

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="records", verbose_name=_("station"))
    line = models.ForeignKey(Line, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("line"))
    record_no = models.CharField(_("record number"), max_length=40)
    plate = models.CharField(_("plate"), max_length=16, db_index=True)
    method = models.CharField(_("method"), max_length=12, choices=TestMethod.choices())
    started_at = models.DateTimeField(_("started at"), db_index=True)
    ended_at = models.DateTimeField(_("ended at"))
    result = models.CharField(_("result"), max_length=6, choices=TestResult.choices())
    curve = models.JSONField(_("readings per second"), default=list, blank=True)
    curve_hash = models.CharField(max_length=64, blank=True, db_index=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "station__jurisdiction"

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["station", "record_no"], name="thirdparty_record_unique")]
        verbose_name = _("test record")

    def __str__(self) -> str:
        return f"{self.station.code} {self.record_no} {self.plate}"

    @property
    def seconds(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds())


class FraudHit(models.Model):
    """A fraud indicator that fired on a record (with the other record it matched, if any)."""

    kind = models.CharField(_("indicator"), max_length=20, choices=FraudKind.choices(), db_index=True)
    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="hits", verbose_name=_("station"))
    record = models.ForeignKey(TestRecord, on_delete=models.CASCADE, related_name="hits", verbose_name=_("record"))
    other = models.ForeignKey(TestRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("matching record"))
    detail = models.CharField(_("detail"), max_length=300)
    found_on = models.DateField(_("found on"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=HitStatus.choices(), default=HitStatus.OPEN,
                              db_index=True)
    case_no = models.CharField(_("penalty case"), max_length=40, blank=True)
    case = models.ForeignKey("enforcement.PenaltyCase", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("penalty case opened"))
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "station__jurisdiction"

    class Meta:
        ordering = ["-found_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "record"], name="thirdparty_hit_unique")]
        verbose_name = _("fraud indicator hit")

    def __str__(self) -> str:
        return f"{FraudKind.label(self.kind)} {self.record.record_no}"


# ----------------------------------------------------------------------------- hazardous waste, radioactive sources


class WasteUnit(models.Model):
    """A hazardous-waste producer or licensed handler; a handler inside the city counts as in-city disposal."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=10, choices=WasteRole.choices())
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, verbose_name=_("jurisdiction"))
    licence_no = models.CharField(_("hazardous-waste licence number"), max_length=60, blank=True)
    in_city = models.BooleanField(_("located in the city"), default=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("hazardous-waste unit")

    def __str__(self) -> str:
        return self.name


class CollectionPoint(models.Model):
    """A small-quantity hazardous-waste collection point (小微企业危险废物收集点) run by a licensed handler."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, verbose_name=_("jurisdiction"))
    operator = models.ForeignKey(WasteUnit, on_delete=models.PROTECT, related_name="points", verbose_name=_("operator"))
    units_served = models.PositiveIntegerField(_("units served"), default=0)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True, help_text="WGS-84")
    lat = models.FloatField(_("latitude"), null=True, blank=True, help_text="WGS-84")

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["code"]
        verbose_name = _("collection point")

    def __str__(self) -> str:
        return self.name


class CollectionRecord(models.Model):
    """Waste of one producer collected (through a point or directly) and sent to a handler, under a
    transfer manifest (转移联单)."""

    manifest_no = models.CharField(_("manifest number"), max_length=40, unique=True)
    producer = models.ForeignKey(WasteUnit, on_delete=models.PROTECT, related_name="produced",
                                 verbose_name=_("producer"))
    point = models.ForeignKey(CollectionPoint, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="records", verbose_name=_("collection point"))
    handler = models.ForeignKey(WasteUnit, on_delete=models.PROTECT, related_name="handled",
                                verbose_name=_("handler"))
    waste_code = models.CharField(_("waste code"), max_length=20)
    tonnes = models.DecimalField(_("tonnes"), max_digits=12, decimal_places=3)
    collected_on = models.DateField(_("collected on"), db_index=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "producer__jurisdiction"

    class Meta:
        ordering = ["-collected_on", "-pk"]
        verbose_name = _("collection record")

    def __str__(self) -> str:
        return self.manifest_no


class RadioactiveSource(models.Model):
    """A sealed radioactive source of a holding unit; a disused one is sent to storage (送贮)."""

    code = models.CharField(_("source code"), max_length=40, unique=True)
    holder = models.CharField(_("holding unit"), max_length=200)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, verbose_name=_("jurisdiction"))
    nuclide = models.CharField(_("nuclide"), max_length=20)
    category = models.CharField(_("category"), max_length=4, help_text="I-V")
    status = models.CharField(_("status"), max_length=10, choices=SourceStatus.choices(), default=SourceStatus.IN_USE)
    disused_on = models.DateField(_("disused on"), null=True, blank=True)
    stored_on = models.DateField(_("sent to storage on"), null=True, blank=True)
    storage = models.CharField(_("storage facility"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["holder", "code"]
        verbose_name = _("radioactive source")

    def __str__(self) -> str:
        return self.code


from .models_dust import (  # noqa: E402,F401  (the dust and muck-truck models, kept in their own module)
    DustInspection,
    DustResponsibility,
    JointReview,
    MuckTruck,
    TruckTrack,
    TruckViolation,
)

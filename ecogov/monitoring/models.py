"""Monitoring models: air stations and their hourly readings, quality flags,
ingest batches, daily values, water sections and samples, forecasts and
heavy-pollution warnings.

Canonical variable names and units: docs/nomenclature.md. Air readings are one
*wide* row per station-hour (one column per canonical pollutant), keyed by
``(station, time)`` so that ingesting the same data twice changes nothing.
``time`` is the END of the hour (the national publication's convention):
the hour 11:00-12:00 is stored at 12:00 local time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet
from ecogov.core.validators import validate_lat, validate_lon

from .choices import (
    POLLUTANTS,
    BatchStatus,
    FlagKind,
    SectionLevel,
    StationKind,
    WarningLevel,
    WarningStatus,
    WaterBodyKind,
)


class Station(models.Model):
    """An air monitoring station (national, provincial, city or micro)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=StationKind.choices(), default=StationKind.NATIONAL)
    is_evaluation = models.BooleanField(_("evaluation station of the city"), default=False, db_index=True)
    jurisdiction = models.ForeignKey(
        "core.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT, related_name="stations",
        verbose_name=_("jurisdiction"),
    )
    area = models.CharField(_("area (as published)"), max_length=60, blank=True, db_index=True)
    lon = models.FloatField(_("longitude (WGS-84)"), null=True, blank=True, validators=[validate_lon])
    lat = models.FloatField(_("latitude (WGS-84)"), null=True, blank=True, validators=[validate_lat])
    active = models.BooleanField(_("active"), default=True)
    api_key_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None  # air quality is public information: every signed-in user reads every station
    public_filter = {"active": True}
    role_actions = {"enterprise": frozenset({"view"}), "street": frozenset({"view"})}

    class Meta:
        ordering = ["code"]
        verbose_name = _("air monitoring station")
        verbose_name_plural = _("air monitoring stations")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def kind_label(self) -> str:
        return StationKind.label(self.kind)


class IngestBatch(models.Model):
    """The ingest log: one row per file, push request or MQTT session."""

    source = models.CharField(_("source"), max_length=20, db_index=True)
    reference = models.CharField(_("file or reference"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices(), default=BatchStatus.RUNNING)
    started = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    items_invalid = models.PositiveIntegerField(_("values flagged invalid"), default=0)
    stations_created = models.PositiveIntegerField(_("stations created"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None
    role_actions = {"enterprise": frozenset(), "street": frozenset({"view"})}

    class Meta:
        ordering = ["-started", "-id"]
        verbose_name = _("ingest batch")
        verbose_name_plural = _("ingest log")

    def __str__(self) -> str:
        return f"{self.source} {self.reference} {self.started:%Y-%m-%d %H:%M}"


class Reading(models.Model):
    """One station-hour of air data (wide row, hour ending at ``time``).

    A value that failed validation is stored as NULL and its reason kept in
    ``invalid`` (``{"pm25": "negative value -3"}``), so nothing is silently lost.
    ``published_aqi``/``published_primary`` are the values the national centre
    published for the hour (None when it published none).
    """

    # No single-column index: the unique (station, time) index serves every lookup by station. On
    # PostgreSQL no per-row foreign-key check either (it cost a third of a bulk ingest): migration 0003
    # installs set-based triggers instead, which refuse a reading of an unknown station once per statement;
    # SQLite keeps its native foreign key. Both cascade a station's deletion to its readings in the
    # database too (see docs/architecture.md, "Reading integrity").
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="readings", db_index=False,
                                db_constraint=False)
    time = models.DateTimeField(_("hour ending"))
    so2 = models.FloatField(null=True, blank=True)
    no2 = models.FloatField(null=True, blank=True)
    co = models.FloatField(null=True, blank=True)
    o3 = models.FloatField(null=True, blank=True)
    pm10 = models.FloatField(null=True, blank=True)
    pm25 = models.FloatField(null=True, blank=True)
    invalid = models.JSONField(_("invalid values and reasons"), default=dict, blank=True)
    published_aqi = models.SmallIntegerField(_("published AQI"), null=True, blank=True)
    published_primary = models.CharField(_("published primary pollutant"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=20)
    ingested = models.DateTimeField(_("ingested at"))
    # provenance pointer without a database FK check or an index (each cost every inserted row); SET_NULL on
    # deleting a batch, a rare administrative act, is done by Django's collector with a table scan
    batch = models.ForeignKey(IngestBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              db_constraint=False, db_index=False)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None
    public_filter: dict = {}
    role_actions = Station.role_actions

    class Meta:
        ordering = ["station", "time"]
        constraints = [models.UniqueConstraint(fields=["station", "time"], name="monitoring_reading_station_hour")]
        indexes = [models.Index(fields=["time"])]
        verbose_name = _("hourly reading")
        verbose_name_plural = _("hourly readings")

    def __str__(self) -> str:
        return f"{self.station_id} {self.time:%Y-%m-%d %H:%M}"

    def values(self) -> dict[str, float | None]:
        return {p: getattr(self, p) for p in POLLUTANTS}


class WindReading(models.Model):
    """Wind of one station-hour (micro stations and others that measure it), for pollutant roses.

    ``direction`` is where the wind blows FROM, in degrees clockwise from north [0, 360); ``speed`` in m/s.
    Kept beside the readings (same key) rather than in them, so that the air ingest paths stay narrow.
    """

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="winds", db_index=False)
    time = models.DateTimeField(_("hour ending"))
    direction = models.FloatField(_("wind direction (degrees from north)"), null=True, blank=True)
    speed = models.FloatField(_("wind speed (m/s)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20)
    ingested = models.DateTimeField(_("ingested at"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None
    public_filter: dict = {}
    role_actions = Station.role_actions

    class Meta:
        ordering = ["station", "time"]
        constraints = [models.UniqueConstraint(fields=["station", "time"], name="monitoring_wind_station_hour")]
        verbose_name = _("hourly wind")
        verbose_name_plural = _("hourly winds")

    def __str__(self) -> str:
        return f"{self.station_id} {self.time:%Y-%m-%d %H:%M} {self.direction}° {self.speed} m/s"


class QualityFlag(models.Model):
    """A time range during which a station's data is not used for assessment."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="flags")
    pollutant = models.CharField(_("pollutant (blank = all)"), max_length=8, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=FlagKind.choices())
    start = models.DateTimeField(_("from (hour ending)"))
    end = models.DateTimeField(_("to (hour ending, inclusive)"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None
    role_actions = Station.role_actions

    class Meta:
        ordering = ["-start"]
        verbose_name = _("quality flag")
        verbose_name_plural = _("quality flags")

    def __str__(self) -> str:
        return f"{self.station_id} {FlagKind.label(self.kind)} {self.start:%Y-%m-%d %H}-{self.end:%Y-%m-%d %H}"


class StationDaily(models.Model):
    """Daily values of a station (calendar day = hours ending 01:00..24:00).

    Means are rounded half to even as published (CO 0.1 mg/m³); ``o3_8h`` is the
    daily maximum 8-hour mean. ``aqi`` is the daily AQI of the HJ 633 version
    in force on ``date`` (``version``).
    """

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="daily")
    date = models.DateField(_("date"))
    so2 = models.FloatField(null=True, blank=True)
    no2 = models.FloatField(null=True, blank=True)
    co = models.FloatField(null=True, blank=True)
    pm10 = models.FloatField(null=True, blank=True)
    pm25 = models.FloatField(null=True, blank=True)
    o3_8h = models.FloatField(null=True, blank=True)
    o3_1h_max = models.FloatField(null=True, blank=True)
    aqi = models.SmallIntegerField(null=True, blank=True)
    primary = models.CharField(max_length=40, blank=True)
    version = models.CharField(max_length=8, blank=True)
    hours = models.SmallIntegerField(_("valid hours (PM2.5)"), default=0)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None
    public_filter: dict = {}
    role_actions = Station.role_actions

    class Meta:
        ordering = ["station", "date"]
        constraints = [models.UniqueConstraint(fields=["station", "date"], name="monitoring_daily_station_date")]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.station_id} {self.date}"


class WaterSite(models.Model):
    """What sections and drinking-water sources share: code, name, water body kind, target class and
    location (``lon``/``lat``, WGS-84)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    water_body_kind = models.CharField(_("water body"), max_length=12, choices=WaterBodyKind.choices())
    target_class = models.PositiveSmallIntegerField(_("target class"), default=3)
    lon = models.FloatField(_("longitude (WGS-84)"), null=True, blank=True, validators=[validate_lon])
    lat = models.FloatField(_("latitude (WGS-84)"), null=True, blank=True, validators=[validate_lat])

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None
    public_filter: dict = {}
    role_actions = Station.role_actions

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def waterbody(self) -> str:
        """``river`` or ``lake`` for the GB 3838 TP column."""
        return "river" if self.water_body_kind == WaterBodyKind.RIVER else "lake"


class WaterSection(WaterSite):
    """A surface-water assessment section (国考/省考/市考 断面)."""

    level = models.CharField(_("level"), max_length=12, choices=SectionLevel.choices())
    river = models.CharField(_("river / water body"), max_length=60)
    basin = models.CharField(_("basin"), max_length=60, blank=True)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="water_sections")

    class Meta(WaterSite.Meta):
        verbose_name = _("water section")
        verbose_name_plural = _("water sections")


class DrinkingWaterSource(WaterSite):
    """A centralised drinking-water source (集中式饮用水水源地)."""

    water_body = models.CharField(_("river / water body"), max_length=60, blank=True)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="drinking_sources")

    class Meta(WaterSite.Meta):
        verbose_name = _("drinking-water source")
        verbose_name_plural = _("drinking-water sources")


class WaterSample(models.Model):
    """One sample (monthly manual or automatic) of a section or a drinking-water source.

    ``values`` maps canonical item names (docs/nomenclature.md: ``ph, do, codmn,
    nh3n, tp, tn, cod, bod5`` ...) to values [mg/L; pH dimensionless].
    """

    section = models.ForeignKey(WaterSection, null=True, blank=True, on_delete=models.CASCADE, related_name="samples")
    source = models.ForeignKey(
        DrinkingWaterSource, null=True, blank=True, on_delete=models.CASCADE, related_name="samples"
    )
    date = models.DateField(_("date"))
    values = models.JSONField(_("values"), default=dict)
    origin = models.CharField(_("origin"), max_length=20, default="manual")
    batch = models.ForeignKey(IngestBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None
    public_filter: dict = {}
    role_actions = Station.role_actions

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["section", "date"], name="monitoring_sample_section_date"),
            models.UniqueConstraint(fields=["source", "date"], name="monitoring_sample_source_date"),
            models.CheckConstraint(
                condition=models.Q(section__isnull=False, source__isnull=True)
                | models.Q(section__isnull=True, source__isnull=False),
                name="monitoring_sample_one_site",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section_id or self.source_id} {self.date}"


class AirForecast(models.Model):
    """A forecast daily AQI for a jurisdiction (entered or imported)."""

    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="air_forecasts")
    date = models.DateField(_("date"))
    aqi = models.PositiveSmallIntegerField(_("forecast AQI"))
    primary = models.CharField(_("primary pollutant"), max_length=40, blank=True)
    issued = models.DateTimeField(_("forecast made"), auto_now=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    public_filter: dict = {}

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "date"], name="monitoring_forecast_day")]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.date} AQI {self.aqi}"


class PollutionWarning(models.Model):
    """A heavy-pollution weather warning (重污染天气预警): issued, adjusted, lifted."""

    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="pollution_warnings")
    status = models.CharField(_("status"), max_length=10, choices=WarningStatus.choices(), default=WarningStatus.DRAFT)
    level = models.CharField(_("level"), max_length=8, choices=WarningLevel.choices())
    suggested_level = models.CharField(_("suggested level"), max_length=8, blank=True)
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until (expected)"), null=True, blank=True)
    primary = models.CharField(_("primary pollutant"), max_length=40, blank=True)
    reason = models.TextField(_("forecast and weather"), blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    public_filter = {"status__in": [WarningStatus.ISSUED, WarningStatus.LIFTED]}

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("heavy-pollution warning")
        verbose_name_plural = _("heavy-pollution warnings")

    def __str__(self) -> str:
        return f"{self.jurisdiction} {WarningLevel.label(self.level)} {self.start:%Y-%m-%d}"

    @property
    def level_label(self) -> str:
        return WarningLevel.label(self.level)

    @property
    def status_label(self) -> str:
        return WarningStatus.label(self.status)


class DerivedPending(models.Model):
    """A station-day whose derived values (daily values and daily AQI) wait to be recomputed.

    Written by the ingest writer in the same transaction as the readings that change the day, and deleted by
    the recomputation in the transaction that writes the day's values (``monitoring.derived``): a process
    killed between the two leaves the record, and the next run (or the scheduled task) completes it.
    ``version`` grows each time the day is marked again, so a recomputation that read older readings never
    clears a newer mark.
    """

    station = models.ForeignKey(Station, on_delete=models.CASCADE, db_constraint=False, related_name="+")
    date = models.DateField(_("date"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["station", "date"], name="monitoring_pending_station_date")]
        verbose_name = _("derived values pending")

    def __str__(self) -> str:
        return f"{self.station_id} {self.date} v{self.version}"


class BackfillFile(models.Model):
    """One file of a backfill, known by the SHA-256 of its content: a finished file is skipped next time."""

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("file"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices(), default=BatchStatus.RUNNING)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    batch = models.ForeignKey(IngestBatch, null=True, blank=True, on_delete=models.SET_NULL, db_constraint=False)
    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("backfill file")

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class FetchPoll(models.Model):
    """One poll of the hourly publication: what was asked, what came back, what was ingested."""

    url = models.CharField(_("URL"), max_length=500)
    started = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12)  # ok, unchanged, error
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    latest_hour = models.DateTimeField(_("latest hour"), null=True, blank=True)
    lag_seconds = models.IntegerField(_("lag (s)"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-started", "-id"]
        verbose_name = _("fetch poll")

    def __str__(self) -> str:
        return f"{self.url} {self.started:%Y-%m-%d %H:%M} {self.status}"

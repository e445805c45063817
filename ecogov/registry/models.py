"""Registry of supervised objects: one file per source (一源一档).

Supervised objects (enterprises and other pollution sources), their A/B/C
supervision class and its history, positive-list membership, commitment
letters, discharge permits and registrations, execution reports and
cleaner-production audits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet
from ecogov.core.validators import validate_lat, validate_lon, validate_uscc

from .choices import (
    ManagementClass,
    ObjectStatus,
    PerformanceGrade,
    PermitStatus,
    ReportFrequency,
    SupervisionClass,
)


class SupervisedObject(models.Model):
    """An enterprise or other pollution source under supervision."""

    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    name = models.CharField(_("name"), max_length=200, db_index=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    lon = models.FloatField(_("longitude (WGS-84)"), null=True, blank=True, validators=[validate_lon])
    lat = models.FloatField(_("latitude (WGS-84)"), null=True, blank=True, validators=[validate_lat])
    industry_code = models.CharField(
        _("industry code (GB/T 4754-2017)"), max_length=5, blank=True, db_index=True
    )
    industry_name = models.CharField(_("industry"), max_length=100, blank=True)
    jurisdiction = models.ForeignKey(
        "core.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="supervised_objects",
        verbose_name=_("jurisdiction"),
    )
    legal_representative = models.CharField(_("legal representative"), max_length=60, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectStatus.choices(), default=ObjectStatus.ACTIVE
    )

    is_key_unit = models.BooleanField(_("key pollutant-discharging unit"), default=False)
    is_special = models.BooleanField(_("special supervision object"), default=False)
    water_related = models.BooleanField(_("water-related"), default=False)
    air_related = models.BooleanField(_("air-related"), default=False)
    hw_producer = models.BooleanField(_("hazardous-waste producer"), default=False)
    hw_handler = models.BooleanField(_("hazardous-waste handler"), default=False)
    soil_key_unit = models.BooleanField(_("soil key supervised unit"), default=False)

    supervision_class = models.CharField(
        _("supervision class"), max_length=1, choices=SupervisionClass.choices(), blank=True, db_index=True
    )
    class_pollution_level = models.CharField(_("basis: pollution level"), max_length=100, blank=True)
    class_industry = models.CharField(_("basis: industry"), max_length=100, blank=True)
    class_risk = models.CharField(_("basis: environmental risk"), max_length=100, blank=True)
    on_positive_list = models.BooleanField(_("on the positive list"), default=False, db_index=True)
    performance_grade = models.CharField(
        _("emergency performance grade"), max_length=2, choices=PerformanceGrade.choices(), blank=True
    )

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    enterprise_lookup = "pk"

    class Meta:
        ordering = ["name"]
        verbose_name = _("supervised object")
        verbose_name_plural = _("supervised objects")

    def __str__(self) -> str:
        return self.name


class ClassChange(models.Model):
    """One change of an object's A/B/C class, with its basis."""

    supervised_object = models.ForeignKey(
        SupervisedObject, on_delete=models.CASCADE, related_name="class_changes"
    )
    old_class = models.CharField(max_length=1, blank=True, choices=SupervisionClass.choices())
    new_class = models.CharField(max_length=1, choices=SupervisionClass.choices())
    pollution_level = models.CharField(max_length=100, blank=True)
    industry = models.CharField(max_length=100, blank=True)
    risk = models.CharField(max_length=100, blank=True)
    effective_date = models.DateField()
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["-effective_date", "-id"]
        verbose_name = _("class change")
        verbose_name_plural = _("class changes")

    def __str__(self) -> str:
        return f"{self.supervised_object}: {self.old_class or '-'} -> {self.new_class}"


class PositiveListEntry(models.Model):
    """A period of membership of the enforcement positive list (正面清单)."""

    supervised_object = models.ForeignKey(
        SupervisedObject, on_delete=models.CASCADE, related_name="positive_list_entries"
    )
    start_date = models.DateField(_("listed on"))
    end_date = models.DateField(_("removed on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    removal_reason = models.TextField(_("removal reason"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("positive list entry")
        verbose_name_plural = _("positive list entries")

    def __str__(self) -> str:
        return f"{self.supervised_object} {self.start_date}"


class Commitment(models.Model):
    """An environmental protection commitment letter (承诺书)."""

    supervised_object = models.ForeignKey(
        SupervisedObject, on_delete=models.CASCADE, related_name="commitments"
    )
    title = models.CharField(_("title"), max_length=200, default="生态环境保护承诺书")
    signed_date = models.DateField(_("signed on"))
    file = models.FileField(_("file"), upload_to="commitments/%Y/", blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["-signed_date"]
        verbose_name = _("commitment letter")
        verbose_name_plural = _("commitment letters")

    def __str__(self) -> str:
        return f"{self.title} {self.signed_date}"


class Permit(models.Model):
    """A pollutant discharge permit (排污许可证), key or simplified management."""

    supervised_object = models.ForeignKey(SupervisedObject, on_delete=models.PROTECT, related_name="permits")
    permit_no = models.CharField(_("permit number"), max_length=40, unique=True)
    management_class = models.CharField(
        _("management class"), max_length=10, choices=ManagementClass.choices()
    )
    issued_date = models.DateField(_("issued on"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    status = models.CharField(
        _("status"), max_length=10, choices=PermitStatus.choices(), default=PermitStatus.VALID
    )
    report_frequencies = models.JSONField(_("execution report frequencies"), default=list, blank=True)
    annual_due = models.CharField(_("annual report due (MM-DD of next year)"), max_length=5, default="01-15")
    semiannual_due = models.CharField(_("half-year report due (MM-DD)"), max_length=5, default="07-15")
    quarterly_due_days = models.PositiveSmallIntegerField(
        _("quarterly report due (days after quarter)"), default=15
    )
    monthly_due_days = models.PositiveSmallIntegerField(
        _("monthly report due (day of next month)"), default=15
    )

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["permit_no"]
        verbose_name = _("discharge permit")
        verbose_name_plural = _("discharge permits")

    def __str__(self) -> str:
        return self.permit_no

    @property
    def frequency_labels(self) -> str:
        return "、".join(ReportFrequency.label(f) for f in self.report_frequencies or [])


class Registration(models.Model):
    """A discharge registration (登记管理): no permit, a registration number."""

    supervised_object = models.ForeignKey(
        SupervisedObject,
        on_delete=models.PROTECT,
        related_name="registrations",
        null=True,
        blank=True,
        verbose_name=_("supervised object"),
    )
    registration_no = models.CharField(_("registration number"), max_length=40, unique=True)
    registered_date = models.DateField(_("registered on"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Most registered units (登记管理) are small and not in the supervised registry:
    # the registration carries its own unit name, code and place.
    unit_name = models.CharField(_("unit name"), max_length=200, blank=True, db_index=True)
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc]
    )
    industry_code = models.CharField(_("industry code (GB/T 4754-2017)"), max_length=5, blank=True)
    jurisdiction = models.ForeignKey(
        "core.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="registrations",
        null=True,
        verbose_name=_("jurisdiction"),
    )

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["registration_no"]
        verbose_name = _("discharge registration")
        verbose_name_plural = _("discharge registrations")

    def __str__(self) -> str:
        return self.registration_no


class ExecutionReport(models.Model):
    """A permit execution report (执行报告) due for one period; submitted or not."""

    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="reports")
    frequency = models.CharField(_("frequency"), max_length=10, choices=ReportFrequency.choices())
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("due date"), db_index=True)
    submitted_date = models.DateField(_("submitted on"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="execution_reports/%Y/", blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "permit__supervised_object__jurisdiction"
    enterprise_lookup = "permit__supervised_object"

    class Meta:
        ordering = ["-period_end", "permit_id"]
        verbose_name = _("execution report")
        verbose_name_plural = _("execution reports")
        constraints = [
            models.UniqueConstraint(
                fields=["permit", "frequency", "period_start"], name="uniq_report_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.permit} {self.frequency} {self.period_start}..{self.period_end}"


class CleanerProductionAudit(models.Model):
    """A cleaner-production audit (清洁生产审核) and its measures."""

    supervised_object = models.ForeignKey(
        SupervisedObject, on_delete=models.CASCADE, related_name="cp_audits"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    started = models.DateField(_("started on"), null=True, blank=True)
    accepted = models.DateField(_("accepted on"), null=True, blank=True)
    low_cost_measures = models.PositiveIntegerField(_("no/low-cost measures"), default=0)
    high_cost_measures = models.PositiveIntegerField(_("medium/high-cost measures"), default=0)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["-year"]
        verbose_name = _("cleaner-production audit")
        verbose_name_plural = _("cleaner-production audits")

    def __str__(self) -> str:
        return f"{self.supervised_object} {self.year}"

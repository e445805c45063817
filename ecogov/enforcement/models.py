"""Administrative penalty cases (行政处罚) with their workflow and deadlines, the
discretion table, daily continuous penalties, yellow-card warnings and case
transfers to public security or the procuratorate (两法衔接)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from .choices import CaseSource, CaseStatus, Circumstance, TransferReceiver, TransferStatus
from .deadlines import DEFAULTS


class DiscretionRule(models.Model):
    """One row of the discretion table (自由裁量基准): violation, circumstance, fine range."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    violation = models.CharField(_("violation"), max_length=200)
    legal_basis = models.TextField(_("legal basis"))
    circumstance = models.CharField(_("circumstance"), max_length=10, choices=Circumstance.choices())
    min_amount = models.DecimalField(_("minimum fine (CNY)"), max_digits=12, decimal_places=2)
    max_amount = models.DecimalField(_("maximum fine (CNY)"), max_digits=12, decimal_places=2)
    reasoning = models.TextField(_("discretion reasoning"))
    active = models.BooleanField(_("in use"), default=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("discretion rule")
        verbose_name_plural = _("discretion rules")

    def __str__(self) -> str:
        return f"{self.code} {self.violation}（{Circumstance.label(self.circumstance)}）"


class DeadlineSetting(models.Model):
    """An override of a legal default in ``deadlines.DEFAULTS``."""

    key = models.CharField(_("setting"), max_length=40, unique=True, choices=[(k, k) for k in DEFAULTS])
    value = models.PositiveIntegerField(_("value"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class PenaltyCase(models.Model):
    """An administrative penalty case from filing to closure."""

    case_no = models.CharField(_("case number"), max_length=40, unique=True)
    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.PROTECT,
                                          related_name="penalty_cases", verbose_name=_("party"))
    source = models.CharField(_("source"), max_length=12, choices=CaseSource.choices(), default=CaseSource.INSPECTION)
    inspection = models.ForeignKey("supervision.Inspection", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="penalty_cases", verbose_name=_("source inspection"))
    facts = models.TextField(_("facts of the violation"))
    status = models.CharField(_("status"), max_length=14, choices=CaseStatus.choices(), default=CaseStatus.PENDING,
                              db_index=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="penalty_cases", verbose_name=_("case handler"))
    opened_date = models.DateField(_("opened on"))
    filed_date = models.DateField(_("filed on"), null=True, blank=True, db_index=True)
    notice_date = models.DateField(_("prior notice on"), null=True, blank=True)
    hearing_request_date = models.DateField(_("hearing requested on"), null=True, blank=True)
    hearing_notice_date = models.DateField(_("hearing notified on"), null=True, blank=True)
    hearing_date = models.DateField(_("hearing on"), null=True, blank=True)
    decision_date = models.DateField(_("decided on"), null=True, blank=True, db_index=True)
    decision_no = models.CharField(_("decision number"), max_length=60, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    discretion_rule = models.ForeignKey(DiscretionRule, null=True, blank=True, on_delete=models.PROTECT,
                                        verbose_name=_("discretion rule"))
    discretion_reasoning = models.TextField(_("discretion reasoning"), blank=True)
    amount = models.DecimalField(_("fine (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    delivery_date = models.DateField(_("delivered on"), null=True, blank=True)
    paid_date = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = models.DecimalField(_("paid (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    surcharge = models.DecimalField(_("late surcharge (CNY)"), max_digits=12, decimal_places=2, default=0)
    closed_date = models.DateField(_("closed on"), null=True, blank=True)
    outcome_reason = models.TextField(_("reason (not filed / withdrawn)"), blank=True)
    joint_action = models.BooleanField(_("joint action"), default=False)
    published = models.BooleanField(_("decision published"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"
    public_filter = {"published": True}

    class Meta:
        ordering = ["-opened_date", "-id"]
        verbose_name = _("penalty case")
        verbose_name_plural = _("penalty cases")

    def __str__(self) -> str:
        return self.case_no

    def get_absolute_url(self) -> str:
        return reverse("enforcement:case_detail", args=[self.pk])

    @property
    def status_label(self) -> str:
        return CaseStatus.label(self.status)


class CaseExtension(models.Model):
    """An approved extension of the 90-day decision deadline."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveIntegerField(_("days"))
    reason = models.TextField(_("reason"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("approved by"))
    approved_date = models.DateField(_("approved on"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "case__supervised_object__jurisdiction"

    class Meta:
        ordering = ["approved_date"]

    def __str__(self) -> str:
        return f"{self.case} +{self.days}"


class DailyPenalty(models.Model):
    """A daily continuous penalty (按日连续处罚) for refusing to correct."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.CASCADE, related_name="daily_penalties")
    fine_per_day = models.DecimalField(_("original fine (CNY per day)"), max_digits=12, decimal_places=2)
    order_delivered = models.DateField(_("correction order delivered on"))
    recheck_date = models.DateField(_("re-inspection found the violation on"))
    days = models.PositiveIntegerField(_("days"))
    total = models.DecimalField(_("total (CNY)"), max_digits=14, decimal_places=2)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "case__supervised_object__jurisdiction"
    enterprise_lookup = "case__supervised_object"

    def __str__(self) -> str:
        return f"{self.case} {self.days} d"


class YellowCard(models.Model):
    """A yellow-card warning (黄牌警示) with its period."""

    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.PROTECT,
                                          related_name="yellow_cards", verbose_name=_("enterprise"))
    case = models.ForeignKey(PenaltyCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="yellow_cards")
    issued_date = models.DateField(_("issued on"), db_index=True)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"))
    reason = models.TextField(_("reason"))
    lifted_date = models.DateField(_("lifted on"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"
    public_filter = {"published": True}

    class Meta:
        ordering = ["-issued_date", "-id"]
        verbose_name = _("yellow card")
        verbose_name_plural = _("yellow cards")

    def __str__(self) -> str:
        return f"{self.supervised_object} {self.issued_date}"


class CaseTransfer(models.Model):
    """A transfer to public security or the procuratorate (行刑衔接) and its status."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.PROTECT, related_name="transfers")
    receiver = models.CharField(_("receiver"), max_length=14, choices=TransferReceiver.choices())
    receiver_name = models.CharField(_("receiving body"), max_length=100)
    transfer_date = models.DateField(_("transferred on"), db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=TransferStatus.choices(),
                              default=TransferStatus.TRANSFERRED)
    status_date = models.DateField(_("status on"))
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "case__supervised_object__jurisdiction"
    role_actions = {"enterprise": set(), "street": set()}

    class Meta:
        ordering = ["-transfer_date", "-id"]
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")

    def __str__(self) -> str:
        return f"{self.case} -> {self.receiver_name}"

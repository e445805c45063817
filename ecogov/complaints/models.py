"""Complaints and reports (信访投诉/举报): categories, routing policy, complaints,
extensions, links to inspections and penalty cases, Open311 clients and
attributes, and rewards."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet
from ecogov.core.validators import validate_lat, validate_lon

from .choices import (
    AttributeType,
    Channel,
    ComplaintStatus,
    ExtensionStatus,
    LinkKind,
    Outcome,
    RewardStatus,
    Satisfaction,
    public_status,
)
from .crypto import EncryptedTextField

USER = settings.AUTH_USER_MODEL


class ComplaintCategory(models.Model):
    """An editable tree of complaint categories; each leaf is an Open311 service."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("responsible department")
    )
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None  # city-wide reference data
    public_filter = {"active": True}

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")

    def __str__(self) -> str:
        return f"{self.parent.name}/{self.name}" if self.parent_id else self.name

    @property
    def root(self) -> ComplaintCategory:
        node = self
        while node.parent_id:
            node = node.parent
        return node

    def responsible_department(self):
        """The department of this category or of its nearest ancestor that has one."""
        node = self
        while node is not None:
            if node.department_id:
                return node.department
            node = node.parent
        return None


class ServiceAttribute(models.Model):
    """An extra question of a category, published as an Open311 service-definition attribute."""

    category = models.ForeignKey(ComplaintCategory, on_delete=models.CASCADE, related_name="attributes")
    code = models.SlugField(_("code"), max_length=40)
    description = models.CharField(_("question"), max_length=200)
    datatype = models.CharField(_("data type"), max_length=16, choices=AttributeType.choices(), default="string")
    datatype_description = models.CharField(_("data type description"), max_length=200, blank=True)
    required = models.BooleanField(_("required"), default=False)
    variable = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    values = models.JSONField(_("values"), default=list, blank=True, help_text='[{"key": "...", "name": "..."}]')

    class Meta:
        ordering = ["category", "order"]
        unique_together = [("category", "code")]

    def __str__(self) -> str:
        return self.code


class ComplaintPolicy(models.Model):
    """Time limits and duplicate rules of a jurisdiction (inherited by everything below it)."""

    jurisdiction = models.OneToOneField("core.Jurisdiction", on_delete=models.CASCADE, related_name="complaint_policy")
    acceptance_days = models.PositiveSmallIntegerField(_("days to notify acceptance"), default=15)
    finish_days = models.PositiveSmallIntegerField(_("days to finish after acceptance"), default=60)
    max_extension_days = models.PositiveSmallIntegerField(_("maximum extension (days)"), default=30)
    due_soon_days = models.PositiveSmallIntegerField(_("'due soon' warning (days)"), default=5)
    duplicate_radius_m = models.PositiveIntegerField(_("duplicate radius (m)"), default=500)
    duplicate_window_days = models.PositiveSmallIntegerField(_("duplicate window (days)"), default=30)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        verbose_name = _("complaint policy")
        verbose_name_plural = _("complaint policies")

    def __str__(self) -> str:
        return f"{self.jurisdiction}: {self.acceptance_days}/{self.finish_days}"


class Open311Client(models.Model):
    """An application allowed to POST service requests; only the SHA-256 of its API key is stored."""

    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Open311 client")

    def __str__(self) -> str:
        return self.name


class Complaint(models.Model):
    """One complaint or report, from any channel."""

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices(), default=Channel.WEB)
    status = models.CharField(
        _("status"), max_length=16, choices=ComplaintStatus.choices(), default=ComplaintStatus.RECEIVED, db_index=True
    )
    category = models.ForeignKey(ComplaintCategory, on_delete=models.PROTECT, verbose_name=_("category"))
    description = models.TextField(_("description"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    lon = models.FloatField(_("longitude (WGS-84)"), null=True, blank=True, validators=[validate_lon])
    lat = models.FloatField(_("latitude (WGS-84)"), null=True, blank=True, validators=[validate_lat])
    jurisdiction = models.ForeignKey(
        "core.Jurisdiction", on_delete=models.PROTECT, related_name="complaints", verbose_name=_("jurisdiction")
    )
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("responsible department")
    )
    # reporter (encrypted at rest)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter_name = EncryptedTextField(_("reporter name"), blank=True)
    reporter_id_number = EncryptedTextField(_("reporter ID number"), blank=True)
    reporter_phone = EncryptedTextField(_("reporter phone"), blank=True)
    reporter_email = EncryptedTextField(_("reporter e-mail"), blank=True)
    # origin
    source_ref = models.CharField(_("reference of the transferring authority"), max_length=100, blank=True)
    transferred_from = models.CharField(_("transferred from"), max_length=100, blank=True)
    open311_client = models.ForeignKey(Open311Client, null=True, blank=True, on_delete=models.SET_NULL)
    open311_token = models.CharField(max_length=32, null=True, blank=True, unique=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    media_url = models.URLField(_("media URL"), blank=True)
    # clocks
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    acceptance_due = models.DateField(_("acceptance notice due"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    finish_due = models.DateField(_("finish due"), null=True, blank=True, db_index=True)
    extension_days = models.PositiveSmallIntegerField(_("approved extension (days)"), default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # decisions and results
    not_accepted_reason = models.TextField(_("reason for not accepting"), blank=True)
    redirect_body = models.CharField(_("body the reporter should go to"), max_length=200, blank=True)
    assignee = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("assignee")
    )
    findings = models.TextField(_("findings"), blank=True)
    measures = models.TextField(_("measures"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices(), blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reply = models.TextField(_("reply to the reporter"), blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices(), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged", verbose_name=_("merged into")
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    # Complaints are the bureau's business, not the reported enterprises': no enterprise access at all.
    role_actions = {"enterprise": frozenset()}

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [models.Index(fields=["category", "status", "received_at"])]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def status_label(self) -> str:
        return ComplaintStatus.label(self.status)

    @property
    def status_colour(self) -> str:
        return ComplaintStatus.colour(self.status)

    @property
    def public_status(self) -> str:
        return public_status(self.status)

    @property
    def channel_label(self) -> str:
        return Channel.label(self.channel)

    @property
    def has_location(self) -> bool:
        return self.lon is not None and self.lat is not None


class ComplaintExtension(models.Model):
    """A request to extend the finishing time limit (at most 30 days in total), approved or rejected."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("days"))
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=10, choices=ExtensionStatus.choices(), default="pending")
    requested_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "complaint__jurisdiction"

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("extension")

    def __str__(self) -> str:
        return f"{self.complaint} +{self.days}"


class ComplaintLink(models.Model):
    """A generic link from a complaint to the inspection or penalty case it opened (any app's model)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices(), default=LinkKind.OTHER)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, db_index=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "complaint__jurisdiction"

    class Meta:
        unique_together = [("complaint", "content_type", "object_id")]

    def __str__(self) -> str:
        return f"{self.complaint} -> {self.content_type.model}:{self.object_id}"

    @property
    def target(self):
        model = self.content_type.model_class()
        return model.objects.filter(pk=self.object_id).first() if model else None


class RewardKind(models.Model):
    """A reward-eligible kind of violation (configurable; 11 by default)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    amount_yuan = models.DecimalField(_("base amount (CNY)"), max_digits=10, decimal_places=2, default=0)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("reward-eligible violation kind")

    def __str__(self) -> str:
        return self.name


class RewardTier(models.Model):
    """Amount table: a reward for a fine in [penalty_from, penalty_to) (CNY); kind-specific rows win."""

    kind = models.ForeignKey(RewardKind, null=True, blank=True, on_delete=models.CASCADE, related_name="tiers")
    penalty_from = models.DecimalField(_("fine from (CNY)"), max_digits=12, decimal_places=2, default=0)
    penalty_to = models.DecimalField(_("fine below (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_yuan = models.DecimalField(_("reward (CNY)"), max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["kind", "penalty_from"]

    def __str__(self) -> str:
        return f"{self.penalty_from}-{self.penalty_to}: {self.amount_yuan}"


class Reward(models.Model):
    """The reward decision on one complaint: eligibility, amount, approval, payment."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="reward")
    kind = models.ForeignKey(RewardKind, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("kind"))
    status = models.CharField(_("status"), max_length=12, choices=RewardStatus.choices(), default="proposed")
    eligible = models.BooleanField(_("eligible"), default=False)
    decision_note = models.TextField(_("decision note"), blank=True)
    penalty_amount = models.DecimalField(_("fine imposed (CNY)"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_yuan = models.DecimalField(_("reward (CNY)"), max_digits=10, decimal_places=2, default=0)
    proposed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment_ref = models.CharField(_("payment reference"), max_length=100, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "complaint__jurisdiction"

    class Meta:
        verbose_name = _("reward")

    def __str__(self) -> str:
        return f"{self.complaint} {self.amount_yuan}"

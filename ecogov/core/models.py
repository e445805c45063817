"""Core models: jurisdictions, departments, users and roles, audit log, API tokens,
attachments and the notification log."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import AuditEvent, JurisdictionLevel, Role
from .errors import DomainError
from .querysets import RestrictedQuerySet


class Jurisdiction(models.Model):
    """City > district/county > street/town > grid cell, with a materialised path.

    ``path`` is the chain of administrative codes joined by "/" and ending in "/",
    so that "everything inside this district" is ``path__startswith`` on any
    database, SQLite included.
    """

    code = models.CharField(_("administrative code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=JurisdictionLevel.choices())
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, db_index=True, editable=False)
    boundary = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)
    centroid_lon = models.FloatField(null=True, blank=True)
    centroid_lat = models.FloatField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = ""  # a jurisdiction is restricted by its own path

    class Meta:
        ordering = ["path"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "") + f"{self.code}/"
        super().save(*args, **kwargs)

    @property
    def level_label(self) -> str:
        return JurisdictionLevel.label(self.level)

    def ancestor_at(self, level: str) -> Jurisdiction | None:
        """The ancestor (or self) at ``level``, e.g. the district of a grid cell."""
        node: Jurisdiction | None = self
        while node is not None and node.level != level:
            node = node.parent
        return node

    def contains(self, other: Jurisdiction) -> bool:
        return other.path.startswith(self.path)


class Department(models.Model):
    """A bureau division or another municipal department (a separate list)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_bureau_division = models.BooleanField(_("bureau division"), default=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="departments")
    duties = models.TextField(_("duties"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class EcogovUserManager(UserManager.from_queryset(RestrictedQuerySet)):
    pass


class User(AbstractUser):
    """A person or an enterprise account; every permission is scoped to ``jurisdiction``."""

    full_name = models.CharField(_("full name"), max_length=60, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices(), default=Role.STREET)
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL)
    enterprise = models.ForeignKey(
        settings.ENTERPRISE_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="accounts",
        verbose_name=_("enterprise"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    cert_no = models.CharField(_("enforcement certificate number"), max_length=40, blank=True)
    cert_valid_from = models.DateField(_("certificate valid from"), null=True, blank=True)
    cert_valid_to = models.DateField(_("certificate valid to"), null=True, blank=True)

    objects = EcogovUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_label(self) -> str:
        return Role.label(self.role)

    def cert_valid_on(self, day) -> bool:
        """True when the enforcement certificate is valid on ``day``."""
        return bool(
            self.cert_no
            and self.cert_valid_from
            and self.cert_valid_to
            and self.cert_valid_from <= day <= self.cert_valid_to
        )


class AuditLogQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        from . import audit_chain

        objs = list(objs)
        with transaction.atomic(using=self.db):
            audit_chain.lock()
            audit_chain.seal(self.model, objs)
            return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        raise DomainError("audit_immutable", "审计记录不可修改", "Audit records cannot be changed")

    def delete(self):
        raise DomainError("audit_immutable", "审计记录不可删除", "Audit records cannot be deleted")

    def for_object(self, obj) -> AuditLogQuerySet:
        ct = ContentType.objects.get_for_model(type(obj))
        return self.filter(content_type=ct, object_id=str(obj.pk))


class AuditLog(models.Model):
    """Append-only audit record, written in the same transaction as the change."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(max_length=255)
    event = models.CharField(_("event"), max_length=20, choices=AuditEvent.choices())
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    jurisdiction_path = models.CharField(max_length=255, blank=True, db_index=True)
    # The hash chain (core/audit_chain.py): the previous row's hash and this row's.
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    row_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.event} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DomainError("audit_immutable", "审计记录不可修改", "Audit records cannot be changed")
        from . import audit_chain

        with transaction.atomic():
            audit_chain.lock()
            audit_chain.seal(type(self), [self])
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("audit_immutable", "审计记录不可删除", "Audit records cannot be deleted")

    @property
    def event_label(self) -> str:
        return AuditEvent.label(self.event)


class ApiToken(models.Model):
    """A bearer token for API clients; only the SHA-256 of the key is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API token")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class Attachment(models.Model):
    """A file attached to any domain object (photos, documents)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, db_index=True)
    file = models.FileField(upload_to="attachments/%Y/%m/")
    name = models.CharField(max_length=255)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """Every notification sent (or attempted), whatever the channel."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    address = models.CharField(max_length=255, blank=True)
    channel = models.CharField(max_length=20)
    subject = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    delivered = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.subject


class Holiday(models.Model):
    """The bureau's own change to the working-day calendar for one date (``core.clock``).

    The State Council's notices ship with the platform; a row here overrides them for
    its date: ``workday`` True makes the date a working day, False a day off.
    """

    date = models.DateField(_("date"), unique=True)
    workday = models.BooleanField(_("adjusted working day"), default=False)
    name = models.CharField(_("name"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None
    role_actions = {role: frozenset({"view"}) for role in ("leader", "officer", "district", "street", "enterprise")}

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

"""Briefing types (template + choice and order of sections, editable by staff) and
briefings: drafts, and issued versions archived immutably with their number (第N期),
frozen content and the SHA-256 of both files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.core.errors import DomainError
from ecogov.core.querysets import RestrictedQuerySet

from .choices import BriefingStatus, DocKind


class BriefingType(models.Model):
    """One document type: its .docx template, its sections in order, its issuing office."""

    kind = models.CharField(_("kind"), max_length=20, unique=True, choices=DocKind.choices())
    name = models.CharField(_("document name"), max_length=100)
    issuing_office = models.CharField(_("issuing office"), max_length=100, default="市生态环境局办公室")
    sections = models.JSONField(_("sections in order"), default=list, blank=True)
    foreword = models.TextField(_("editor's note"), blank=True)
    copy_to = models.CharField(_("copies to"), max_length=300, blank=True)
    template = models.FileField(_("Word template (.docx)"), upload_to="reports/templates/", blank=True)
    updated = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None  # city-wide reference data
    role_actions = {"enterprise": frozenset()}  # the bureau's documents: staff only

    class Meta:
        ordering = ["id"]
        verbose_name = _("briefing type")
        verbose_name_plural = _("briefing types")

    def __str__(self) -> str:
        return self.name


class BriefingQuerySet(RestrictedQuerySet):
    def update(self, **kwargs):
        if self.filter(status__in=ARCHIVED).exists():
            raise _immutable()
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status__in=ARCHIVED).exists():
            raise _immutable()
        return super().delete()


ARCHIVED = (BriefingStatus.ISSUED, BriefingStatus.SUPERSEDED)
#: What may still change on an issued briefing: its status (superseded by a new
#: version) and the PDF, written once by the conversion task.
MUTABLE_WHEN_ISSUED = {"status", "pdf", "pdf_sha256"}


def _immutable() -> DomainError:
    return DomainError("briefing_immutable", "已印发的简报不可修改或删除", "An issued briefing cannot be changed or deleted")


class Briefing(models.Model):
    """A generated briefing for a period and a jurisdiction; once issued it is frozen."""

    btype = models.ForeignKey(BriefingType, on_delete=models.PROTECT, related_name="briefings",
                              verbose_name=_("type"))
    kind = models.CharField(_("kind"), max_length=20, choices=DocKind.choices(), db_index=True)
    period_code = models.CharField(_("period"), max_length=10)
    period_start = models.DateField()
    period_end = models.DateField()
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, verbose_name=_("jurisdiction"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=BriefingStatus.choices(),
                              default=BriefingStatus.DRAFT, db_index=True)
    content = models.JSONField(_("content"), default=dict)
    docx = models.FileField(upload_to="reports/briefings/%Y/", blank=True)
    pdf = models.FileField(upload_to="reports/briefings/%Y/", blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    year = models.PositiveSmallIntegerField(_("numbering year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="superseded_by")
    issuing_office = models.CharField(_("issuing office"), max_length=100, blank=True)
    issued_date = models.DateField(_("issued on"), null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    scheduled = models.BooleanField(_("scheduled draft"), default=False)

    objects = BriefingQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    role_actions = {"enterprise": frozenset()}  # staff only; the public reads issued public bulletins
    public_filter = {"status": BriefingStatus.ISSUED, "kind": DocKind.PUBLIC}

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")
        constraints = [
            models.UniqueConstraint(fields=["kind", "jurisdiction", "year", "number"], name="reports_unique_number",
                                    condition=models.Q(number__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number_label}）" if self.number else self.title

    def save(self, *args, **kwargs):
        if self.pk:
            self._check_frozen()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:briefing_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.archived:
            raise _immutable()
        return super().delete(*args, **kwargs)

    @property
    def number_label(self) -> str:
        return f"第{self.number}期" if self.number else ""

    @property
    def archived(self) -> bool:
        return self.status in ARCHIVED

    def _check_frozen(self) -> None:
        stored = type(self).objects.filter(pk=self.pk).values().first()
        if not stored or stored["status"] not in ARCHIVED:
            return
        for field in self._meta.concrete_fields:
            if field.name in MUTABLE_WHEN_ISSUED:
                continue
            new = field.get_prep_value(getattr(self, field.attname))
            if new != stored[field.attname]:
                raise _immutable()
        if stored["pdf_sha256"] and stored["pdf_sha256"] != self.pdf_sha256:
            raise _immutable()

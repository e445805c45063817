"""Construction-site dust responsibility (扬尘防治责任) and muck trucks (渣土车).

A site is an inventory source of kind "construction" (``inventory.Source``); here it gets its
responsibility letter and assigned inspector (分片挂点), checklist inspections, and joint reviews
by construction, environment and urban management (三堂会审) that can order a stop. Muck trucks
are registered as sealed and GPS-tracked; their imported tracks give the violations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from .choices import ReviewDecision, TruckViolationKind


class DustResponsibility(models.Model):
    site = models.OneToOneField("inventory.Source", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("construction site"))
    letter_no = models.CharField(_("responsibility letter number"), max_length=60)
    signed_on = models.DateField(_("signed on"))
    responsible_person = models.CharField(_("responsible person"), max_length=60)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("assigned inspector"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "site__jurisdiction"

    class Meta:
        ordering = ["-signed_on", "pk"]
        verbose_name = _("dust responsibility")

    def __str__(self) -> str:
        return self.letter_no


class DustInspection(models.Model):
    """One inspection of a site against the dust-control checklist (``dust.CHECKLIST``)."""

    duty = models.ForeignKey(DustResponsibility, on_delete=models.CASCADE, related_name="inspections",
                             verbose_name=_("site"))
    date = models.DateField(_("date"), db_index=True)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("inspector"))
    items = models.JSONField(_("checklist"), default=dict)
    failed = models.PositiveSmallIntegerField(_("items failed"), default=0)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "duty__site__jurisdiction"

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("dust inspection")

    def __str__(self) -> str:
        return f"{self.date} {self.duty}"


class JointReview(models.Model):
    """A joint review (三堂会审) of a site; a stop or a rectification has a deadline on the clock."""

    duty = models.ForeignKey(DustResponsibility, on_delete=models.CASCADE, related_name="reviews",
                             verbose_name=_("site"))
    held_on = models.DateField(_("held on"))
    departments = models.CharField(_("departments"), max_length=200, default="住建、生态环境、城管")
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices())
    due = models.DateField(_("rectify by"), null=True, blank=True)
    reasons = models.TextField(_("reasons"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "duty__site__jurisdiction"

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("joint review")

    def __str__(self) -> str:
        return f"{self.held_on} {self.duty}"


class MuckTruck(models.Model):
    plate = models.CharField(_("plate"), max_length=16, unique=True)
    company = models.CharField(_("transport company"), max_length=200)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, verbose_name=_("jurisdiction"))
    sealed = models.BooleanField(_("registered as sealed"), default=True)
    gps_device = models.CharField(_("GPS terminal"), max_length=40, blank=True)
    route = models.JSONField(_("approved route"), default=list, blank=True, help_text="[[lon, lat], ...] WGS-84")
    corridor_m = models.PositiveIntegerField(_("route corridor (m)"), default=200)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["plate"]
        verbose_name = _("muck truck")

    def __str__(self) -> str:
        return self.plate


class TruckTrack(models.Model):
    """One imported GPS track of a truck (a run), kept for the map: its fixes in time order."""

    truck = models.ForeignKey(MuckTruck, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("truck"))
    started_at = models.DateTimeField(_("started at"), db_index=True)
    ended_at = models.DateTimeField(_("ended at"))
    points = models.JSONField(_("fixes"), default=list, help_text="[[lon, lat], ...] WGS-84, in time order")
    fixes = models.PositiveIntegerField(_("number of fixes"), default=0)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "truck__jurisdiction"

    class Meta:
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["truck", "started_at"], name="thirdparty_truck_track_once")]
        verbose_name = _("muck-truck track")

    def __str__(self) -> str:
        return f"{self.truck} {self.started_at:%Y-%m-%d %H:%M}"


class TruckViolation(models.Model):
    truck = models.ForeignKey(MuckTruck, on_delete=models.CASCADE, related_name="violations", verbose_name=_("truck"))
    kind = models.CharField(_("violation"), max_length=10, choices=TruckViolationKind.choices())
    at = models.DateTimeField(_("at"), db_index=True)
    lon = models.FloatField()
    lat = models.FloatField()
    detail = models.CharField(_("detail"), max_length=200)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "truck__jurisdiction"

    class Meta:
        ordering = ["-at"]
        constraints = [models.UniqueConstraint(fields=["truck", "kind", "at"], name="thirdparty_truck_violation_once")]
        verbose_name = _("muck-truck violation")

    def __str__(self) -> str:
        return f"{self.truck} {self.at:%Y-%m-%d %H:%M} {self.kind}"

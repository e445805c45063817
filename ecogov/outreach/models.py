"""Public outreach (公众参与): environmental facilities opened to the public
(环保设施公众开放), their open days with a capacity, and the public's registrations.

The tables came from the complaints app (migration ``complaints.0003`` renames
them, ``outreach.0001`` takes them over with every row)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecogov.complaints.crypto import EncryptedTextField
from ecogov.core.querysets import RestrictedQuerySet


class Facility(models.Model):
    """An environmental facility open to the public (sewage plant, monitoring station, incinerator...)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=60)
    address = models.CharField(_("address"), max_length=300, blank=True)
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, verbose_name=_("jurisdiction"))
    active = models.BooleanField(_("active"), default=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    public_filter = {"active": True}

    class Meta:
        ordering = ["name"]
        verbose_name = _("open facility")

    def __str__(self) -> str:
        return self.name


class OpenDayEvent(models.Model):
    """One open day at a facility, with a capacity for public registration."""

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="events", verbose_name=_("facility"))
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"))
    registration_open = models.BooleanField(_("registration open"), default=True)
    held = models.BooleanField(_("held"), default=False)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "facility__jurisdiction"
    public_filter = {"facility__active": True}

    class Meta:
        ordering = ["-date"]
        verbose_name = _("open day")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class OpenDayRegistration(models.Model):
    """A member of the public registered for an open day (name and phone encrypted)."""

    event = models.ForeignKey(OpenDayEvent, on_delete=models.CASCADE, related_name="registrations")
    code = models.CharField(_("registration code"), max_length=12, unique=True)
    name = EncryptedTextField(_("name"))
    phone = EncryptedTextField(_("phone"))
    party_size = models.PositiveSmallIntegerField(_("party size"), default=1)
    attended = models.PositiveSmallIntegerField(_("attended"), default=0)
    created = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "event__facility__jurisdiction"

    class Meta:
        ordering = ["created"]
        verbose_name = _("open-day registration")

    def __str__(self) -> str:
        return self.code

"""Responsibility system (领导责任体系): three-level responsibility lists (district,
street/town, department), versioned by year, and the eco-environment protection
committee with its specialist committees, members by office, meetings and decisions.
Leadership roles (书记/市长 "双主任", deputy mayors heading specialist committees)
are data: a member's office and committee role are text, never code."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.choices import ChoiceSet
from ecogov.core.querysets import RestrictedQuerySet

SECRETARIAT = frozenset({"view", "export", "manage"})


class DutyLevel(ChoiceSet):
    DISTRICT = ("district", "区县", "District", "blue")
    STREET = ("street", "街道/乡镇", "Street / town", "teal")
    DEPARTMENT = ("department", "部门", "Department", "purple")


class Duty(models.Model):
    """One duty of a unit's responsibility list for a year (三级责任清单)."""

    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=10, choices=DutyLevel.choices())
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("unit area"))
    department = models.ForeignKey("core.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("department"))
    duty = models.TextField(_("duty"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    indicators = models.CharField(_("indicators answered for"), max_length=300, blank=True)
    items = models.ManyToManyField("rectification.RectificationItem", blank=True, related_name="duties",
                                   verbose_name=_("ledger items owned"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        app_label = "rectification"
        ordering = ["-year", "jurisdiction__path", "department__code", "id"]
        verbose_name = _("duty")
        verbose_name_plural = _("responsibility list")

    def __str__(self) -> str:
        return f"{self.year} {self.unit_label}：{self.duty[:40]}"

    @property
    def unit_label(self) -> str:
        return str(self.department or self.jurisdiction)

    @property
    def level_label(self) -> str:
        return DutyLevel.label(self.level)


class Committee(models.Model):
    """The eco-environment protection committee (生态环境保护委员会) or one of its specialist committees."""

    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="subcommittees",
                               verbose_name=_("parent committee"))
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("core.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("office (secretariat)"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None  # the committees are public organisation data for every signed-in user
    role_actions = {"leader": SECRETARIAT, "officer": SECRETARIAT, "district": frozenset({"view"}),
                    "street": frozenset({"view"}), "enterprise": frozenset()}

    class Meta:
        app_label = "rectification"
        ordering = ["parent_id", "id"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    office = models.CharField(_("office held"), max_length=80)
    name = models.CharField(_("name"), max_length=40, blank=True)
    role = models.CharField(_("role in the committee"), max_length=40)
    department = models.ForeignKey("core.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("member unit"))
    jurisdiction = models.ForeignKey("core.Jurisdiction", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("member area"))
    order = models.PositiveSmallIntegerField(default=0)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        app_label = "rectification"
        ordering = ["committee_id", "order", "id"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")

    def __str__(self) -> str:
        return f"{self.role} {self.office} {self.name}".strip()


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    minutes = models.TextField(_("minutes"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        app_label = "rectification"
        ordering = ["-date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class Decision(models.Model):
    """A meeting's decision; it may create ledger items owned by member units (linked back as their source)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("decision"))
    member = models.ForeignKey(CommitteeMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("member unit responsible"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None

    class Meta:
        app_label = "rectification"
        ordering = ["meeting_id", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("rectification:committee_detail", args=[self.meeting.committee_id])

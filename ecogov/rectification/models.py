"""Rectification ledger (挂账销号): batches of problems handed over by a source,
items as a tree (problem -> tasks -> sub-tasks) from assignment to close-out
(销号), their milestones, progress reports and escalation steps."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from .choices import EscalationStep, ItemLevel, ItemState, PlanState, RectificationStatus, SourceKind

PUBLIC_STATES = (ItemState.PUBLICISED, ItemState.CLOSED)
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
READERS = frozenset({"view", "export"})


class Batch(models.Model):
    """A batch of problems handed over by one source (交办批次), with its close-out deadline."""

    code = models.CharField(_("batch code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=16, choices=SourceKind.choices())
    received_date = models.DateField(_("received on"))
    issuing_body = models.CharField(_("issuing body"), max_length=120)
    deadline = models.DateField(_("close-out deadline"))
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("handed to"))
    public = models.BooleanField(_("disclosed on the portal"), default=True)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = None  # batches are city-wide reference data; their items are restricted
    public_filter = {"public": True}
    role_actions = {"district": READERS, "street": frozenset({"view"}), "enterprise": frozenset()}

    class Meta:
        ordering = ["-received_date", "code"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def source_label(self) -> str:
        return SourceKind.label(self.source)


class RectificationItem(models.Model):
    """A problem, task or sub-task a responsible unit must correct by ``deadline``."""

    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.PROTECT, related_name="items",
                              verbose_name=_("batch"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent"))
    level = models.CharField(_("level"), max_length=8, choices=ItemLevel.choices(), default=ItemLevel.PROBLEM)
    external_no = models.CharField(_("external number"), max_length=40, blank=True)
    supervised_object = models.ForeignKey("registry.SupervisedObject", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="rectification_items",
                                          verbose_name=_("responsible unit"))
    problem = models.TextField(_("problem"))
    measures = models.TextField(_("measures"), blank=True)
    jurisdiction = models.ForeignKey("core.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="rectification_items", verbose_name=_("responsible area"))
    department = models.ForeignKey("core.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("responsible department"))
    leader = models.CharField(_("responsible leader"), max_length=60, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("owner"))
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("supervisor"))
    assigned_date = models.DateField(_("assigned on"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=[MinValueValidator(1)])
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=PERCENT)
    expected = models.PositiveSmallIntegerField(_("expected progress (%)"), default=0, validators=PERCENT)
    plan_state = models.CharField(_("progress against plan"), max_length=12, choices=PlanState.choices(),
                                  default=PlanState.NOT_STARTED)
    plan_date = models.DateField(_("plan computed on"), null=True, blank=True)
    sustained = models.BooleanField(_("to be sustained"), default=False)
    state = models.CharField(_("state"), max_length=12, choices=ItemState.choices(), default=ItemState.ASSIGNED)
    status = models.CharField(_("status"), max_length=10, choices=RectificationStatus.choices(),
                              default=RectificationStatus.OPEN)
    source_inspection = models.ForeignKey("supervision.Inspection", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="rectifications")
    source_type = models.ForeignKey("contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("source kind"))
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reviewed by"))
    rechecked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("re-checked by"))
    recheck_note = models.TextField(_("re-check note"), blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    publicity_until = models.DateField(_("public notice until"), null=True, blank=True)
    closed_date = models.DateField(_("closed on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"
    enterprise_lookup = "supervised_object"
    public_filter = {"state__in": PUBLIC_STATES, "batch__public": True, "level": ItemLevel.PROBLEM}

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        constraints = [models.UniqueConstraint(fields=["batch", "external_no"], condition=~models.Q(external_no=""),
                                               name="rectification_item_unique_external_no")]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return self.problem[:60]

    def save(self, *args, **kwargs):
        # the responsible area of an item opened for a supervised object defaults to the object's
        if self.jurisdiction_id is None and self.supervised_object_id is not None:
            self.jurisdiction_id = type(self).supervised_object.field.related_model.objects.filter(
                pk=self.supervised_object_id).values_list("jurisdiction_id", flat=True).first()
        super().save(*args, **kwargs)

    @property
    def status_label(self) -> str:
        return RectificationStatus.label(self.status)

    @property
    def state_label(self) -> str:
        return ItemState.label(self.state)

    @property
    def plan_label(self) -> str:
        return PlanState.label(self.plan_state)

    @property
    def plan_colour(self) -> str:
        return PlanState.colour(self.plan_state)

    @property
    def is_open(self) -> bool:
        """Not yet closed (open or overdue)."""
        return self.status != RectificationStatus.DONE

    @property
    def unit_label(self) -> str:
        """The responsible unit as people name it: the department, else the area, else the enterprise."""
        for unit in (self.department, self.jurisdiction, self.supervised_object):
            if unit is not None:
                return str(unit)
        return ""


class Milestone(models.Model):
    """A planned step of an item: done by ``due``, worth ``share`` per cent of the work."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due = models.DateField(_("due"))
    share = models.PositiveSmallIntegerField(_("share of the work (%)"),
                                             validators=[MinValueValidator(1), MaxValueValidator(100)])
    done_date = models.DateField(_("done on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "item__jurisdiction"
    enterprise_lookup = "item__supervised_object"

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.due} {self.title} ({self.share}%)"


class ProgressReport(models.Model):
    """A progress report of an item (with its evidence attached to the item)."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="reports")
    date = models.DateField(_("date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=PERCENT)
    note = models.TextField(_("note"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "item__jurisdiction"
    enterprise_lookup = "item__supervised_object"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.date} {self.progress}%"


class Escalation(models.Model):
    """One step of the escalation ladder taken for an item (once per item and step)."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="escalations")
    step = models.CharField(_("step"), max_length=12, choices=EscalationStep.choices())
    date = models.DateField(_("date"))
    due = models.DateField(_("due by the ladder"))

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "item__jurisdiction"

    class Meta:
        ordering = ["-date", "item_id"]
        constraints = [models.UniqueConstraint(fields=["item", "step"], name="rectification_escalation_once")]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self) -> str:
        return f"{self.date} {EscalationStep.label(self.step)}"

    @property
    def step_label(self) -> str:
        return EscalationStep.label(self.step)


class Patrol(models.Model):
    """A daily patrol (日巡查) of an area; each problem it finds raises a ledger item."""

    date = models.DateField(_("date"))
    jurisdiction = models.ForeignKey("core.Jurisdiction", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("area patrolled"))
    patroller = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("patroller"))
    route = models.CharField(_("route"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "jurisdiction"

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")

    def __str__(self) -> str:
        return f"{self.date} {self.route}"


from .responsibility.models import Committee, CommitteeMember, Decision, Duty, Meeting  # noqa: E402,F401

"""Rectification ledger (挂账销号): one item per problem to correct, from its
source (an inspection finding) to its closure (销号)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecogov.core.querysets import RestrictedQuerySet

from .choices import RectificationStatus


class RectificationItem(models.Model):
    """A problem the responsible unit must correct by ``deadline``; closed when rectified."""

    supervised_object = models.ForeignKey("registry.SupervisedObject", on_delete=models.PROTECT,
                                          related_name="rectification_items", verbose_name=_("responsible unit"))
    problem = models.TextField(_("problem"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=RectificationStatus.choices(),
                              default=RectificationStatus.OPEN)
    source_inspection = models.ForeignKey("supervision.Inspection", on_delete=models.PROTECT,
                                          related_name="rectifications")
    closed_date = models.DateField(_("closed on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    jurisdiction_lookup = "supervised_object__jurisdiction"
    enterprise_lookup = "supervised_object"

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")

    def __str__(self) -> str:
        return self.problem[:60]

    @property
    def status_label(self) -> str:
        return RectificationStatus.label(self.status)

    @property
    def is_open(self) -> bool:
        """Not yet closed (open or overdue)."""
        return self.status != RectificationStatus.DONE

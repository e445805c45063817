"""A complaint that reveals a violation opens a penalty case (enforcement app) or
is linked to an inspection (supervision app). The link lives on the complaint
side as a generic reference (``ComplaintLink``), so this app does not depend on
their models; the other side reads it with ``selectors.complaints_linked_to``."""

from __future__ import annotations

import importlib.util

from django.db import transaction
from django.utils import timezone

from ecogov.core.errors import ValidationFailed
from ecogov.core.permissions import require_object

from .choices import LinkKind
from .services import complaint_link


def enforcement_available() -> bool:
    return importlib.util.find_spec("ecogov.enforcement.services") is not None


@transaction.atomic
def complaint_open_penalty_case(*, complaint, supervised_object, facts: str, actor):
    """Open a penalty case (source "complaint") against ``supervised_object`` and link it both ways."""
    require_object(actor, complaint, "change")
    if not enforcement_available():  # pragma: no cover - the enforcement app is part of the project
        raise ValidationFailed("no_enforcement", "未安装行政处罚模块", "The enforcement app is not installed")
    from ecogov.enforcement.services import case_open

    case = case_open(supervised_object=supervised_object, facts=facts or complaint.description,
                     opened_date=timezone.localdate(), source="complaint", actor=actor)
    complaint_link(complaint=complaint, target=case, kind=LinkKind.PENALTY_CASE,
                   note=f"由投诉 {complaint.tracking_code} 立案", actor=actor)
    return case


@transaction.atomic
def complaint_link_inspection(*, complaint, inspection, actor):
    """Link an inspection made because of the complaint."""
    return complaint_link(complaint=complaint, target=inspection, kind=LinkKind.INSPECTION,
                          note=f"核查投诉 {complaint.tracking_code}", actor=actor)

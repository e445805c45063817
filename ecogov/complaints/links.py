"""A complaint that reveals a violation opens a penalty case (enforcement app) or
an on-site inspection, or is linked to an existing inspection (supervision app). The link lives on the complaint
side as a generic reference (``ComplaintLink``), so this app does not depend on
their models; the other side reads it with ``selectors.complaints_linked_to``."""

from __future__ import annotations

import importlib.util

from django.db import transaction
from django.utils import timezone

from ecogov.core.errors import Conflict, ValidationFailed
from ecogov.core.permissions import require_object

from .choices import ComplaintStatus, LinkKind
from .services import complaint_link

#: A complaint in these states opens no inspection: it was not accepted or lives on in another one.
NO_INSPECTION_STATES = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.NOT_ACCEPTED, ComplaintStatus.MERGED})


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


def _check_may_inspect(complaint) -> None:
    if complaint.status in NO_INSPECTION_STATES:
        raise ValidationFailed("complaint_not_open", "该投诉尚未受理、不予受理或已合并，不能关联现场检查",
                               "Only an accepted complaint can be linked to an inspection")


@transaction.atomic
def complaint_link_inspection(*, complaint, inspection, actor):
    """Link an inspection made because of the complaint (the inspection must be in ``actor``'s scope)."""
    require_object(actor, complaint, "change")
    require_object(actor, inspection, "view")
    _check_may_inspect(complaint)
    if complaint.links.filter(kind=LinkKind.INSPECTION, object_id=str(inspection.pk)).exists():
        raise Conflict("already_linked", "该检查已关联到本投诉", "This inspection is already linked to the complaint")
    return complaint_link(complaint=complaint, target=inspection, kind=LinkKind.INSPECTION,
                          note=f"核查投诉 {complaint.tracking_code}", actor=actor)


@transaction.atomic
def complaint_open_inspection(*, complaint, supervised_object, actor, **inspection):
    """Record a free (not drawn) on-site inspection of ``supervised_object`` because of the complaint
    and link it both ways, in one transaction.

    ``inspection``: the keyword arguments of ``supervision.services.inspection_record`` (date, officers,
    result, findings, summary, rectify_deadline, violation, attachments); that service keeps its rules.
    """
    from ecogov.supervision.services import inspection_record

    require_object(actor, complaint, "change")
    require_object(actor, supervised_object, "view")
    _check_may_inspect(complaint)
    inspection.pop("drawn", None)
    insp = inspection_record(supervised_object=supervised_object, drawn=None, actor=actor, **inspection)
    complaint_link_inspection(complaint=complaint, inspection=insp, actor=actor)
    return insp

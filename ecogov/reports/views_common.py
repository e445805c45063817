"""Helpers shared by the pages and the API: the period and area of a request, file downloads."""

from __future__ import annotations

from django.http import FileResponse

from ecogov.core.errors import NotFound, ValidationFailed
from ecogov.core.models import Jurisdiction

from . import periods
from .choices import PERIOD_OF, DocKind

CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf"}


def period_or_422(kind: str, code: str) -> periods.Period:
    if kind not in DocKind.values():
        raise ValidationFailed("bad_kind", f"未知的简报类型：{kind}", f"Unknown briefing type: {kind}")
    try:
        period = periods.parse(code)
    except ValueError as exc:
        raise ValidationFailed("bad_period", "统计期格式应为 2021-08、2021Q3 或 2021",
                               "Give the period as 2021-08, 2021Q3 or 2021") from exc
    if period.kind != PERIOD_OF[kind]:
        raise ValidationFailed("bad_period", "统计期与简报类型不符", "The period does not fit the briefing type")
    return period


def jurisdiction_by_code(user, code: str | None) -> Jurisdiction:
    """The area of that code inside ``user``'s scope; none given: the user's own (or the city)."""
    qs = Jurisdiction.objects.for_user(user)
    if code:
        found = qs.filter(code=code).first()
    else:
        own = getattr(user, "jurisdiction_id", None)
        found = (qs.filter(pk=own).first() if own else None) or qs.filter(parent__isnull=True).order_by("path").first()
    if found is None:
        raise NotFound("区域", "jurisdiction", detail={"code": code})
    return found


def file_response(briefing, fmt: str) -> FileResponse:
    field = getattr(briefing, fmt)
    if not field:
        raise NotFound("文件（PDF 仍在生成中）" if fmt == "pdf" else "文件", "file (the PDF is still being made)"
                       if fmt == "pdf" else "file")
    name = f"{briefing.kind}-{briefing.period_code}-{briefing.jurisdiction.code}"
    name += f"-{briefing.year}-{briefing.number:03d}" if briefing.number else "-draft"
    return FileResponse(field.open("rb"), as_attachment=True, filename=f"{name}-v{briefing.version}.{fmt}",
                        content_type=CONTENT_TYPES[fmt])

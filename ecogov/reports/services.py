"""Briefing writes: generate a draft, issue it (number, date, office, frozen content,
SHA-256 of both files), re-issue as a new version, edit a type, scheduled drafts."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ecogov.core import clock
from ecogov.core.audit import audit_record
from ecogov.core.errors import DomainError, ValidationFailed
from ecogov.core.models import Jurisdiction
from ecogov.core.permissions import require
from ecogov.core.tasks import enqueue

from . import engine, output, periods
from .choices import PERIOD_OF, BriefingStatus, DocKind
from .defaults import DEFAULTS
from .models import Briefing, BriefingType


def type_for(kind: str) -> BriefingType:
    """The type of ``kind``, created with its defaults the first time it is asked for."""
    if kind not in DocKind.values():
        raise ValidationFailed("bad_kind", f"未知的简报类型：{kind}", f"Unknown briefing type: {kind}")
    btype, _ = BriefingType.objects.get_or_create(kind=kind, defaults=DEFAULTS[kind])
    return btype


def _jurisdiction(user, jurisdiction: Jurisdiction | None) -> Jurisdiction:
    j = jurisdiction or getattr(user, "jurisdiction", None)
    if j is None:
        j = Jurisdiction.objects.filter(parent__isnull=True).order_by("path").first()
    if j is None or not Jurisdiction.objects.for_user(user).filter(pk=j.pk).exists():
        raise ValidationFailed("bad_jurisdiction", "所选区域不在您的管辖范围内",
                               "The jurisdiction is outside your scope")
    return j


def _period(kind: str, code: str) -> periods.Period:
    try:
        period = periods.parse(code)
    except ValueError as exc:
        raise ValidationFailed("bad_period", "统计期格式应为 2021-08、2021Q3 或 2021",
                               "Give the period as 2021-08, 2021Q3 or 2021", detail={"period": code}) from exc
    if period.kind != PERIOD_OF[kind]:
        raise ValidationFailed("bad_period", "统计期与简报类型不符", "The period does not fit the briefing type",
                               detail={"period": code, "expects": PERIOD_OF[kind]})
    return period


def _store(briefing: Briefing, field: str, data: bytes, ext: str) -> None:
    name = f"{briefing.kind}-{briefing.period_code}-{briefing.jurisdiction.code}-v{briefing.version}.{ext}"
    getattr(briefing, field).save(name, ContentFile(data), save=False)
    setattr(briefing, f"{field}_sha256", output.sha256(data))


@transaction.atomic
def briefing_generate(*, user, kind: str, period: str, jurisdiction: Jurisdiction | None = None,
                      scheduled: bool = False) -> Briefing:
    """A draft briefing: the sections built now, the .docx written, the PDF queued."""
    require(user, "add", Briefing)
    btype = type_for(kind)
    j, p = _jurisdiction(user, jurisdiction), _period(kind, period)
    content = engine.assemble(user, btype, j, p)
    briefing = Briefing(btype=btype, kind=kind, period_code=p.code, period_start=p.start, period_end=p.end,
                        jurisdiction=j, title=content["title"], content=content, created_by=_actor(user),
                        issuing_office=btype.issuing_office, scheduled=scheduled)
    briefing.save()
    _store(briefing, "docx", output.render_docx(briefing), "docx")
    briefing.save()
    audit_record(actor=user, obj=briefing, event="generate", note=f"{p.code} {j.name}")
    enqueue(_task("reports.render_pdf"), briefing.pk)
    return briefing


def _task(name: str):
    """A task of ``tasks.py`` by its name (the module calls these services, so it is not imported here)."""
    from ecogov.celery import app

    if name not in app.tasks:
        app.loader.import_default_modules()  # registers every app's tasks.py (Celery's autodiscovery)
    return app.tasks[name]


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


def briefing_render_pdf(*, briefing_id: int) -> str:
    """Write the PDF of a briefing that has none yet (idempotent: a second run changes nothing)."""
    from .pdf import docx_to_pdf

    briefing = Briefing.objects.get(pk=briefing_id)
    if briefing.pdf_sha256:
        return briefing.pdf_sha256
    with briefing.docx.open("rb") as fh:
        data = docx_to_pdf(fh.read())
    with transaction.atomic():
        briefing = Briefing.objects.select_for_update().get(pk=briefing_id)
        if not briefing.pdf_sha256:
            _store(briefing, "pdf", data, "pdf")
            briefing.save()
    return briefing.pdf_sha256


def _previous_issue(briefing: Briefing) -> Briefing | None:
    return (Briefing.objects.filter(kind=briefing.kind, jurisdiction=briefing.jurisdiction,
                                    period_code=briefing.period_code, status=BriefingStatus.ISSUED)
            .exclude(pk=briefing.pk).order_by("-version").first())


def _next_number(briefing: Briefing, year: int, wanted: int | None = None) -> int:
    """The next number of the year for the kind and area; ``wanted`` continues a series begun on
    paper (第30期) and must come after every number already issued."""
    BriefingType.objects.select_for_update().get(pk=briefing.btype_id)  # one issuer at a time per type
    top = Briefing.objects.filter(kind=briefing.kind, jurisdiction=briefing.jurisdiction, year=year).aggregate(
        n=Max("number"))["n"] or 0
    if wanted is None:
        return top + 1
    if wanted <= top:
        raise ValidationFailed("bad_number", f"期号须大于已印发的第{top}期", f"The number must come after No. {top}",
                               detail={"errors": {"number": {"zh": f"期号须大于{top}", "en": f"must be above {top}"}}})
    return wanted


@transaction.atomic
def briefing_issue(*, user, briefing: Briefing, issued_date: dt.date | None = None,
                   issuing_office: str = "", number: int | None = None) -> Briefing:
    """Issue (印发) a draft: the next number of the year, the date and office, the final .docx
    and its hash (the PDF follows in the task). An issued version of the same period and area
    becomes superseded and this one is its next version."""
    require(user, "approve", Briefing)
    briefing = Briefing.objects.select_for_update().get(pk=briefing.pk)
    if briefing.status != BriefingStatus.DRAFT:
        raise DomainError("briefing_issued", "该简报已印发；如需更新请重新生成后再印发",
                          "This briefing is issued already: generate it again to issue a new version")
    issued_date = issued_date or timezone.localdate()
    previous = _previous_issue(briefing)
    if previous is not None:
        previous.status = BriefingStatus.SUPERSEDED
        previous.save()
        audit_record(actor=user, obj=previous, event="supersede", changes={"status": ["issued", "superseded"]})
        briefing.supersedes, briefing.version = previous, previous.version + 1
    briefing.year, briefing.number = issued_date.year, _next_number(briefing, issued_date.year, number)
    briefing.issued_date, briefing.issued_at, briefing.issued_by = issued_date, timezone.now(), _actor(user)
    briefing.issuing_office = issuing_office or briefing.btype.issuing_office
    _store(briefing, "docx", output.render_docx(briefing), "docx")
    briefing.pdf, briefing.pdf_sha256 = "", ""
    briefing.status = BriefingStatus.ISSUED
    briefing.save()
    audit_record(actor=user, obj=briefing, event="issue",
                 changes={"number": [None, briefing.number], "docx_sha256": [None, briefing.docx_sha256]},
                 note=f"{briefing.year}年{briefing.number_label} v{briefing.version}")
    enqueue(_task("reports.render_pdf"), briefing.pk)
    return briefing


@transaction.atomic
def briefing_delete(*, user, briefing: Briefing) -> None:
    """Delete a draft (an issued briefing stays in the archive for good)."""
    require(user, "change", Briefing)
    audit_record(actor=user, obj=briefing, event="delete")
    briefing.delete()


def _check_template(data: bytes) -> None:
    from docxtpl import DocxTemplate

    from .document import render_docx

    sample = {"title": "样例", "period": {"label": "2021年8月"}, "jurisdiction": {"name": "样例市"},
              "foreword": "", "sections": []}
    try:
        DocxTemplate(io.BytesIO(data))
        render_docx(sample, data, {"masthead": "", "number_label": "", "issuing_office": "", "issued_date": "",
                                   "copy_to": ""})
    except Exception as exc:
        raise ValidationFailed("bad_template", f"模板无法使用：{exc}", f"The template cannot be used: {exc}",
                               detail={"errors": {"template": {"zh": "不是可用的 .docx 模板",
                                                               "en": "not a usable .docx template"}}}) from exc


@transaction.atomic
def type_update(*, user, btype: BriefingType, data: dict) -> BriefingType:
    """Edit a type: name, office, note, copies, the sections in order, an uploaded template."""
    require(user, "change", BriefingType)
    allowed = {s.key for s in engine.selectable(btype.kind)}
    sections = [k for k in data.get("sections", btype.sections) if k]
    unknown = [k for k in sections if k not in allowed]
    if unknown or len(set(sections)) != len(sections):
        raise ValidationFailed("bad_sections", f"栏目有误：{', '.join(unknown) or '重复'}",
                               f"Unknown or repeated sections: {', '.join(unknown) or 'repeated'}",
                               detail={"errors": {"sections": {"zh": "栏目有误", "en": "invalid sections"}}})
    before = {f: getattr(btype, f) for f in ("name", "issuing_office", "foreword", "copy_to", "sections")}
    for f in ("name", "issuing_office", "foreword", "copy_to"):
        if f in data:
            setattr(btype, f, data[f])
    btype.sections = sections
    upload = data.get("template")
    if upload:
        raw = upload.read()
        _check_template(raw)
        btype.template.save(f"{btype.kind}.docx", ContentFile(raw), save=False)
    elif data.get("reset_template"):
        btype.template = ""
    btype.save()
    changes = {f: [v, getattr(btype, f)] for f, v in before.items() if v != getattr(btype, f)}
    if upload or data.get("reset_template"):
        changes["template"] = ["", btype.template.name]
    audit_record(actor=user, obj=btype, event="update", changes=changes)
    return btype


SCHEDULED_KINDS = (DocKind.MONTHLY, DocKind.RECTIFICATION, DocKind.LEADER)


def _first_working_day(today: dt.date) -> bool:
    day = today.replace(day=1)
    while not clock.is_working_day(day):
        day += dt.timedelta(days=1)
    return day == today


def scheduled_drafts(*, today: dt.date | None = None) -> list[Briefing]:
    """On the month's first working day, a draft of each monthly kind for last month, per city;
    run again the same day it makes nothing new."""
    today = today or timezone.localdate()
    actor = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if not _first_working_day(today) or actor is None:
        return []
    period = periods.previous("month", today).code
    made = []
    for city in Jurisdiction.objects.filter(parent__isnull=True):
        for kind in SCHEDULED_KINDS:
            if Briefing.objects.filter(kind=kind, jurisdiction=city, period_code=period, scheduled=True).exists():
                continue
            made.append(briefing_generate(user=actor, kind=kind, period=period, jurisdiction=city, scheduled=True))
    return made

"""The briefing engine: a type's sections, built by the apps for a period and a
jurisdiction, assembled into one JSON-safe content dict (frozen when issued).

Sections come from the ``briefing_sections`` contribution point; a type lists
the keys it takes in order (empty: every section meant for its kind, in the
point's order; the public bulletin only ``public`` sections). Each figure is
stamped with the period, the section's as-of time and its coverage, so the
archive can say what every number was computed with.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone, translation

from ecogov.core import briefing, contrib

from .choices import PERIOD_OF, DocKind
from .periods import Period

log = logging.getLogger(__name__)

DOCUMENT_LANGUAGE = "zh-hans"
#: Kinds that print figures only (no tables, charts or data notes).
COMPACT = {DocKind.LEADER}
#: Bulletins of one subject: they take the sections that name their kind in ``kinds``, or, when
#: none does, the section whose key is the kind (the app that owns the subject).
SUBJECT_KINDS = {DocKind.RECTIFICATION}


def sections_for_kind(kind: str) -> list[contrib.BriefingSection]:
    """The registered sections a type of ``kind`` may take."""
    if kind in SUBJECT_KINDS:
        named = [item for item in contrib.briefing_sections if kind in item.kinds]
        return named or [item for item in contrib.briefing_sections if item.key == kind]
    out = []
    for item in contrib.briefing_sections:
        if kind == DocKind.PUBLIC:
            ok = item.public
        else:
            ok = not item.kinds or kind in item.kinds
        if ok:
            out.append(item)
    return out


def selectable(kind: str) -> list[contrib.BriefingSection]:
    """The sections staff may choose for a type of ``kind``: any section, the public bulletin
    only public ones."""
    return [item for item in contrib.briefing_sections if kind != DocKind.PUBLIC or item.public]


def chosen_sections(btype) -> list[contrib.BriefingSection]:
    """The type's sections in its order (none chosen: the kind's defaults); keys no app
    registers (any more) are skipped."""
    if not btype.sections:
        return sections_for_kind(btype.kind)
    allowed = {s.key: s for s in selectable(btype.kind)}
    return [allowed[k] for k in btype.sections if k in allowed]


def _build(item: contrib.BriefingSection, user, jurisdiction, period: Period) -> dict[str, Any]:
    build = contrib.resolve(item.build)
    try:
        sec = build(user, jurisdiction=jurisdiction, start=period.start, end=period.end)
    except Exception:  # one app's failure must not stop the whole briefing; it is logged and shown
        log.exception("briefing section %s failed", item.key)
        sec = briefing.no_data(str(item.title), note="（本节生成失败，请联系系统管理员）")
    sec = dict(sec)
    sec["key"] = item.key
    sec.setdefault("title", str(item.title))
    for fig in sec.get("figures", {}).values():
        fig.setdefault("period", period.code)
        fig.setdefault("as_of", sec.get("as_of"))
        fig.setdefault("coverage", sec.get("coverage"))
    return sec


def title_of(btype, jurisdiction, period: Period) -> str:
    return f"{jurisdiction.name}{period.label}{btype.name}"


def assemble(user, btype, jurisdiction, period: Period) -> dict[str, Any]:
    """The content of a briefing of ``btype`` for ``period`` inside ``jurisdiction``, as ``user`` sees it."""
    if PERIOD_OF[btype.kind] != period.kind:
        from ecogov.core.errors import ValidationFailed

        raise ValidationFailed("bad_period", f"{btype.name}的统计期应为{_period_zh(btype.kind)}",
                               f"A {btype.kind} briefing covers a {PERIOD_OF[btype.kind]}")
    with translation.override(DOCUMENT_LANGUAGE):  # an official document is in Chinese whoever asks
        sections = [_build(item, user, jurisdiction, period) for item in chosen_sections(btype)]
    return {
        "kind": btype.kind,
        "type_name": btype.name,
        "title": title_of(btype, jurisdiction, period),
        "masthead": btype.name,
        "foreword": btype.foreword,
        "compact": btype.kind in COMPACT,
        "period": {"code": period.code, "label": period.label, "start": period.start.isoformat(),
                   "end": period.end.isoformat(), "kind": period.kind},
        "jurisdiction": {"code": jurisdiction.code, "name": jurisdiction.name, "path": jurisdiction.path},
        "generated_at": timezone.now().isoformat(),
        "generated_by": getattr(user, "username", "") or "system",
        "sections": sections,
    }


def _period_zh(kind: str) -> str:
    return {"month": "月", "quarter": "季度", "year": "年"}[PERIOD_OF[kind]]


def figures_of(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Every figure of a content dict with its section (for the traceability table and the API)."""
    return [{"section": s["title"], "key": k, **f} for s in content["sections"] for k, f in s.get("figures", {}).items()]

"""Briefing reads: types, the archive (a core ListPage), one briefing, the public bulletins,
a preview of what a briefing would hold now, and its paragraphs as text and figure links."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecogov.core.api_utils import get_for_user
from ecogov.core.briefing import FIELD
from ecogov.core.models import Jurisdiction
from ecogov.core.pages import ListPage

from . import engine, periods
from .choices import BriefingStatus, DocKind
from .filters import BriefingFilterSet
from .models import Briefing, BriefingType
from .tables import BRIEFING_COLUMNS


def briefings_for(user):
    return Briefing.objects.for_user(user).select_related("btype", "jurisdiction")


ARCHIVE = ListPage(
    filterset=BriefingFilterSet, columns=BRIEFING_COLUMNS, queryset=briefings_for,
    title=gettext_lazy("Briefing archive"), filename="briefings", link="reports:briefing_detail",
)


def briefing_get(*, user, pk, action: str = "view") -> Briefing:
    return get_for_user(Briefing, user, action, pk=pk)


def types_for(user) -> list[BriefingType]:
    """The document types (created by migration ``reports.0002``), in the kinds' order."""
    order = {k: i for i, k in enumerate(DocKind.values())}
    return sorted(BriefingType.objects.for_user(user), key=lambda t: order.get(t.kind, 99))


def type_get(*, user, kind: str) -> BriefingType:
    return get_for_user(BriefingType, user, "view", kind=kind)


def jurisdictions_for(user):
    """The areas a briefing may cover for ``user``: the city and its districts inside the user's scope."""
    return Jurisdiction.objects.for_user(user).filter(level__in=("city", "district")).order_by("path")


def section_choices(btype) -> list[dict[str, Any]]:
    """Every section the type may take: chosen ones first in their order, then the others."""
    chosen = [s.key for s in engine.chosen_sections(btype)]
    items = {s.key: s for s in engine.selectable(btype.kind)}
    order = chosen + [k for k in items if k not in chosen]
    return [{"key": k, "title": str(items[k].title), "chosen": k in chosen, "public": items[k].public}
            for k in order]


def preview(*, user, btype, jurisdiction, period: periods.Period) -> dict[str, Any]:
    """What a briefing of these choices would hold now (nothing is stored)."""
    return engine.assemble(user, btype, jurisdiction, period)


def paragraph_parts(paragraph: str, figures: dict) -> list[dict[str, Any]]:
    """A paragraph split into plain text and figures, for the preview to link each figure."""
    parts, pos = [], 0
    for m in FIELD.finditer(paragraph):
        if m.start() > pos:
            parts.append({"text": paragraph[pos:m.start()]})
        parts.append({"figure": figures[m.group(1)], "key": m.group(1)})
        pos = m.end()
    if pos < len(paragraph):
        parts.append({"text": paragraph[pos:]})
    return parts


def sections_view(content: dict) -> list[dict[str, Any]]:
    return [{**s, "parts": [paragraph_parts(p, s["figures"]) for p in s["paragraphs"]]} for s in content["sections"]]


def public_bulletins():
    """Issued public bulletins, newest first (what the portal lists)."""
    return Briefing.objects.for_user(None).filter(status=BriefingStatus.ISSUED).select_related("jurisdiction") \
        .order_by("-period_start", "-version")


def public_bulletin(pk: int) -> Briefing | None:
    return public_bulletins().filter(pk=pk).first()


def versions(briefing: Briefing) -> list[Briefing]:
    """Every issued version of the same period and area, newest first."""
    return list(Briefing.objects.filter(kind=briefing.kind, jurisdiction=briefing.jurisdiction,
                                        period_code=briefing.period_code, number__isnull=False)
                .order_by("-version"))


def home_cards(user) -> list[dict[str, Any]]:
    """Drafts waiting to be issued, for the staff home page."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "role", "") == "enterprise":
        return []
    from django.urls import reverse

    drafts = briefings_for(user).filter(status=BriefingStatus.DRAFT).count()
    return [{"label": _("Briefings to issue"), "value": drafts, "url": reverse("reports:archive") + "?status=draft",
             "note": _("Drafts; numbered and archived once issued")}]

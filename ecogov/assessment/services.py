"""Assessment writes: publish (freeze) a methodology's results, record veto events, request and
decide data corrections inside the correction window. One transaction each, audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ecogov.core.audit import audit_record, create_audited
from ecogov.core.errors import Conflict, ValidationFailed
from ecogov.core.permissions import require

from . import scorecards, scoring
from .choices import CorrectionStatus, MethodologyStatus
from .models import DataCorrection, Methodology, ScorecardResult, Unit, VetoEvent


@transaction.atomic
def methodology_publish(*, methodology: Methodology, actor, today: dt.date | None = None,
                        correction_days: int = 15) -> list[ScorecardResult]:
    """Compute every unit's result from live data and freeze it: later data changes leave it unchanged."""
    require(actor, "approve", Methodology)
    m = Methodology.objects.select_for_update().get(pk=methodology.pk)
    if m.is_frozen:
        raise Conflict("already_published", "该考核办法的结果已发布并冻结", "These results are already published and frozen")
    if not m.items.exists():
        raise ValidationFailed("no_items", "考核办法没有指标", "The methodology has no indicators")
    rows = scorecards.live_rows(actor, m, today=today)
    now = timezone.now()
    results = [ScorecardResult(methodology=m, unit_id=r["unit_id"], score=r["score"],
                               score_before_veto=r["score_before_veto"], grade=r["grade"], rank=r["rank"],
                               veto=r["veto"], indicators=r["indicators"], computed_at=now) for r in rows]
    ScorecardResult.objects.bulk_create(results)
    m.status, m.published_at = MethodologyStatus.PUBLISHED, now
    m.correction_until = m.correction_until or (timezone.localdate() + dt.timedelta(days=correction_days))
    m.save(update_fields=["status", "published_at", "correction_until"])
    methodology.status, methodology.published_at = m.status, m.published_at
    methodology.correction_until = m.correction_until
    audit_record(actor=actor, obj=m, event="update", changes={"status": ["draft", "published"]},
                 note=f"{len(results)} results frozen")
    return results


@transaction.atomic
def veto_event_create(*, unit: Unit, year: int, condition: str, date: dt.date, description: str, evidence: str,
                      actor) -> VetoEvent:
    require(actor, "approve", VetoEvent)
    if not evidence.strip():
        raise ValidationFailed("evidence_required", "一票否决事项必须附证据", "A veto event needs its evidence",
                               detail={"errors": {"evidence": {"zh": "必须附证据", "en": "Evidence is required"}}})
    event = VetoEvent(unit=unit, year=year, condition=condition, date=date, description=description,
                      evidence=evidence, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    return create_audited(actor=actor, obj=event)


@transaction.atomic
def correction_request(*, result: ScorecardResult, indicator: str, new_value: float, reason: str, actor,
                       today: dt.date | None = None) -> DataCorrection:
    """A unit asks to correct one indicator value of its published result, inside the window."""
    require(actor, "add", DataCorrection)
    today = today or timezone.localdate()
    m = Methodology.objects.get(pk=result.methodology_id)
    if not m.is_frozen or m.correction_until is None or today > m.correction_until:
        raise ValidationFailed("correction_window_closed", "不在数据更正申请期内", "Outside the correction window",
                               detail={"until": m.correction_until.isoformat() if m.correction_until else None})
    if indicator not in result.indicators:
        raise ValidationFailed("unknown_indicator", "该成绩没有此指标", "The result has no such indicator",
                               detail={"errors": {"indicator": {"zh": "没有此指标", "en": "No such indicator"}}})
    if not reason.strip():
        raise ValidationFailed("reason_required", "请说明更正理由和依据", "Give the reason and evidence",
                               detail={"errors": {"reason": {"zh": "请说明理由", "en": "Reason required"}}})
    corr = DataCorrection(result=result, indicator=indicator, old_value=result.indicators[indicator].get("value"),
                          new_value=new_value, reason=reason, requested_by=actor)
    return create_audited(actor=actor, obj=corr)


def _rescore(m: Methodology) -> None:
    """Recompute the scores and ranks of a published methodology from its stored values (after a correction)."""
    results = list(ScorecardResult.objects.filter(methodology=m).select_related("unit"))
    rows = []
    for res in results:
        values = {k: {kk: v.get(kk) for kk in ("value", "coverage", "detail")} for k, v in res.indicators.items()}
        rows.append(scorecards._row(m, res.unit, values, res.veto))
    scorecards.rank_rows(rows)
    by_unit = {r["unit_id"]: r for r in rows}
    for res in results:
        r = by_unit[res.unit_id]
        res.score, res.score_before_veto, res.grade, res.rank = r["score"], r["score_before_veto"], r["grade"], r["rank"]
        for k, v in r["indicators"].items():
            res.indicators[k].update({"score": v["score"], "status": v["status"]})
    ScorecardResult.objects.bulk_update(results, ["score", "score_before_veto", "grade", "rank", "indicators"])


@transaction.atomic
def correction_decide(*, correction: DataCorrection, accept: bool, note: str, actor) -> DataCorrection:
    """Accept (the value is replaced, scores and ranks recomputed) or reject a requested correction."""
    require(actor, "approve", DataCorrection)
    corr = DataCorrection.objects.select_for_update().get(pk=correction.pk)
    if corr.status != CorrectionStatus.REQUESTED:
        raise Conflict("already_decided", "该更正申请已处理", "This correction has already been decided")
    corr.status = CorrectionStatus.ACCEPTED if accept else CorrectionStatus.REJECTED
    corr.decision, corr.decided_by, corr.decided_at = note, actor, timezone.now()
    corr.save()
    if accept:
        res = corr.result
        ind = res.indicators[corr.indicator]
        ind["value"] = corr.new_value
        ind.setdefault("detail", {})["correction"] = {"id": corr.pk, "old": corr.old_value, "new": corr.new_value,
                                                     "reason": corr.reason, "decided": corr.decided_at.isoformat()}
        res.save(update_fields=["indicators"])
        _rescore(res.methodology)
    audit_record(actor=actor, obj=corr, event="update", changes={"status": ["requested", corr.status]}, note=note)
    return corr


__all__ = ["correction_decide", "correction_request", "methodology_publish", "veto_event_create", "scoring"]

"""The registry's briefing section (企业责任体系): commitment letters, discharge permits and
registrations, the execution-report submission rate, cleaner-production audits."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.urls import reverse

from ecogov.core import briefing as b

from . import selectors
from .choices import PermitStatus, ReportFrequency
from .models import CleanerProductionAudit, Commitment

TITLE = "企业环境治理责任"


def _counts(user, j, end: dt.date) -> dict:
    permits = selectors.permits_for(user).within(j).filter(issued_date__lte=end).exclude(status=PermitStatus.REVOKED)
    return {
        "commitments": Commitment.objects.for_user(user).within(j).filter(signed_date__lte=end)
        .values("supervised_object").distinct().count(),
        "permits": permits.count(),
        "registrations": selectors.registrations_for(user).within(j).filter(registered_date__lte=end).count(),
    }


def _annual_reports(user, j, end: dt.date) -> dict:
    """The latest annual execution reports due by ``end``: how many were due and submitted by then."""
    due = selectors.reports_for(user).within(j).filter(frequency=ReportFrequency.ANNUAL, due_date__lte=end)
    latest = due.order_by("-period_end").values_list("period_end", flat=True).first()
    if latest is None:
        return {"due": 0, "submitted": 0, "year": None}
    rows = due.filter(period_end=latest).aggregate(n=Count("id"), s=Count("id", filter=Q(submitted_date__lte=end)))
    return {"due": rows["n"], "submitted": rows["s"], "year": latest.year}


def _audits(user, j, start: dt.date, end: dt.date) -> dict:
    qs = CleanerProductionAudit.objects.for_user(user).within(j).filter(
        accepted__gte=start.replace(month=1, day=1), accepted__lte=end)
    sums = qs.aggregate(n=Count("id"), low=Sum("low_cost_measures"), high=Sum("high_cost_measures"))
    return {"n": sums["n"], "low": sums["low"] or 0, "high": sums["high"] or 0}


def build(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    counts = _counts(user, jurisdiction, end)
    reports = _annual_reports(user, jurisdiction, end)
    audits = _audits(user, jurisdiction, start, end)
    if not any(counts.values()) and not reports["due"] and not audits["n"]:
        return b.no_data(TITLE)
    as_of = f"{end.isoformat()}T23:59:59"
    rate = b.pct(reports["submitted"], reports["due"])
    figures = {
        "commitments": b.figure(counts["commitments"], label="签订承诺书企业", unit="家",
                                url=reverse("registry:object_list"), rows=counts["commitments"],
                                rule="signed commitment letters by the period's end, counted once per enterprise"),
        "permits": b.figure(counts["permits"], label="排污许可证", unit="家", url=reverse("registry:permit_list"),
                            rows=counts["permits"], rule="permits issued by the period's end and not revoked"),
        "registrations": b.figure(counts["registrations"], label="排污登记", unit="家",
                                  url=reverse("registry:registration_list"), rows=counts["registrations"],
                                  rule="discharge registrations made by the period's end"),
        "report_rate": b.figure(rate, label="年度执行报告提交率", unit="%",
                                url=reverse("registry:report_rates"), rows=reports["due"],
                                rule=f"annual execution reports for {reports['year']} submitted by the period's end "
                                     "/ reports due by then"),
        "audits": b.figure(audits["n"], label="清洁生产审核", unit="家", url=reverse("registry:object_list"),
                           rows=audits["n"], rule="cleaner-production audits accepted in the year to date"),
        "low": b.figure(audits["low"], label="无/低费方案", unit="个", url=reverse("registry:object_list"),
                        rule="sum over those audits"),
        "high": b.figure(audits["high"], label="中/高费方案", unit="个", url=reverse("registry:object_list"),
                         rule="sum over those audits"),
    }
    paragraphs = [
        "与{commitments}家企业签订了生态环境保护承诺书，压实治污主体责任。",
        "实施排污许可一证式管理，{permits}家企业完成排污许可证申领、{registrations}家企业完成排污登记，"
        "企业年度排污许可证执行报告提交率{report_rate}%。",
    ]
    if audits["n"]:
        paragraphs.append("今年指导{audits}家企业完成清洁生产审核评估，实施无/低费方案{low}个、中/高费方案{high}个。")
    return b.section(TITLE, paragraphs=paragraphs, figures=figures, as_of=as_of, coverage=None)

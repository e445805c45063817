"""Enforcement's briefing section (行政执法): penalty cases filed and decided, fines, yellow
cards and transfers to judicial bodies, for the period and the year to date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.urls import reverse

from ecogov.core import briefing as b

from . import selectors
from .selectors import DECIDED_STATES

TITLE = "环境行政执法"


def _figures(user, j, start: dt.date, end: dt.date) -> dict:
    cases = selectors.cases_for(user).within(j)
    decided = Q(decision_date__range=(start, end), status__in=DECIDED_STATES)
    row = cases.aggregate(filed=Count("id", filter=Q(filed_date__range=(start, end))),
                          decided=Count("id", filter=decided),
                          amount=Sum("amount", filter=decided & Q(amount__gt=0)))
    return {
        "filed": row["filed"], "decided": row["decided"], "amount": float(row["amount"] or 0),
        "yellow": selectors.yellow_cards_for(user).within(j).filter(issued_date__range=(start, end)).count(),
        "transfers": selectors.transfers_for(user).within(j).filter(transfer_date__range=(start, end)).count(),
    }


def build(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    year_start = start.replace(month=1, day=1)
    ytd = _figures(user, jurisdiction, year_start, end)
    now = _figures(user, jurisdiction, start, end)
    if not any(ytd.values()):
        return b.no_data(TITLE)
    span = f"{year_start:%Y-%m-%d}~{end:%Y-%m-%d}"
    cases_url = reverse("enforcement:case_list")
    figures = {
        "filed": b.figure(ytd["filed"], label="立案", unit="件", url=cases_url, rows=ytd["filed"],
                          rule=f"penalty cases filed {span}"),
        "decided": b.figure(ytd["decided"], label="作出处罚决定", unit="件", url=cases_url, rows=ytd["decided"],
                            rule=f"cases decided {span} (decided, delivered, executed or closed)"),
        "amount": b.figure(round(ytd["amount"] / 10000, 2), label="罚款金额", unit="万元", digits=2, url=cases_url,
                           rule=f"sum of the fines of the cases decided {span}, in CNY 10,000"),
        "yellow": b.figure(ytd["yellow"], label="黄牌警示", unit="家", url=reverse("enforcement:yellow_card_list"),
                           rows=ytd["yellow"], rule=f"yellow cards issued {span}"),
        "transfers": b.figure(ytd["transfers"], label="移送司法机关", unit="件",
                              url=reverse("enforcement:transfer_list"), rows=ytd["transfers"],
                              rule=f"cases transferred to judicial bodies {span}"),
    }
    months = f"1-{end.month}月" if end.month > 1 else "1月"
    paragraphs = [f"严惩环境违法失信行为，{months}，行政处罚立案{{filed}}件，处罚{{decided}}件，罚款{{amount}}万元，"
                  "实行环保“黄牌”警示企业{yellow}家，移送司法机关{transfers}件，并依法公开处罚及警示信息。"]
    rows = [["立案（件）", now["filed"], ytd["filed"]], ["处罚决定（件）", now["decided"], ytd["decided"]],
            ["罚款（万元）", f"{now['amount'] / 10000:.2f}", f"{ytd['amount'] / 10000:.2f}"],
            ["黄牌警示（家）", now["yellow"], ytd["yellow"]], ["移送司法机关（件）", now["transfers"], ytd["transfers"]]]
    table = b.table("行政执法情况", ["指标", "本期", "本年累计"], rows, url=reverse("enforcement:figures"),
                    rule="the same counts over the period and over the year to date")
    return b.section(TITLE, paragraphs=paragraphs, figures=figures, tables=[table], as_of=f"{end}T23:59:59")

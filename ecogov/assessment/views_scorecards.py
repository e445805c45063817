"""Scorecard pages: the ranking of a year and level (live under a draft methodology, frozen once
published), the what-if weights, a unit's drill-down to indicators and their records, publishing,
data corrections and the indicator catalogue."""

from __future__ import annotations

import math

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from ecogov.core.excel import Column
from ecogov.core.pages import action, form_action, table_response
from ecogov.core.params import year_param

from . import scorecards, selectors, services
from .choices import CorrectionStatus, UnitKind, VetoCondition
from .models import DataCorrection, Methodology, ScorecardResult, VetoEvent
from .tables import scorecard_columns


def _what_if(request, m: Methodology) -> dict[str, float] | None:
    weights = {}
    for item in m.items.all():
        raw = request.GET.get(f"w_{item.indicator}")
        if raw not in (None, ""):
            try:
                value = float(raw)
            except ValueError:
                continue
            if math.isfinite(value):
                weights[item.indicator] = min(max(0.0, value), 1000.0)
    return weights or None


@login_required
def scorecard(request):
    year = year_param(request.GET.get("year")) or selectors.default_year()
    kind = request.GET.get("kind") if request.GET.get("kind") in dict(UnitKind.choices()) else "district"
    m = scorecards.current_methodology(request.user, year=year, kind=kind)
    rows, weights = [], None
    if m is not None:
        weights = _what_if(request, m) if m.is_frozen else None
        rows = scorecards.with_change(request.user, scorecards.rows_for(request.user, m, weights=weights), m)
    keys = [i.indicator for i in m.items.all()] if m else []
    labels = scorecards.indicator_labels()
    return table_response(request, rows, scorecard_columns(keys, labels),
                          title=f"{year} 年度{UnitKind.label(kind)}生态环境保护考核", filename=f"scorecard-{year}-{kind}",
                          template="assessment/scorecard.html", page_size=100,
                          extra={"methodology": m, "year": year, "kind": kind, "kinds": UnitKind.choices(),
                                 "what_if": weights, "labels": labels,
                                 "items": [(it, labels.get(it.indicator, it.indicator)) for it in m.items.all()]
                                 if m else []})


@login_required
def unit_detail(request, pk: int):
    res = ScorecardResult.objects.for_user(request.user).filter(pk=pk).select_related("unit", "methodology").first()
    if res is None:
        raise Http404
    labels = scorecards.indicator_labels()
    items = [{"key": k, "label": labels.get(k, k), **v} for k, v in res.indicators.items()]
    return render(request, "assessment/result_detail.html", {
        "res": res, "items": items, "corrections": res.corrections.all(),
        "vetoes": list(res.methodology.vetoes.all()),
    })


@login_required
@require_POST
def publish(request, pk: int):
    m = get_object_or_404(Methodology.objects.for_user(request.user), pk=pk)
    back = f"{_url('assessment:scorecards')}?year={m.year}&kind={m.kind}"
    return action(request, lambda: services.methodology_publish(methodology=m, actor=request.user), then=back,
                  done="考核结果已发布并冻结")


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


class CorrectionForm(forms.Form):
    indicator = forms.ChoiceField(label="指标")
    new_value = forms.FloatField(label="更正后的数值")
    reason = forms.CharField(label="理由和依据", widget=forms.Textarea(attrs={"rows": 3}))


@login_required
def correction_new(request, pk: int):
    res = get_object_or_404(ScorecardResult.objects.for_user(request.user).select_related("methodology"), pk=pk)
    form = CorrectionForm(request.POST or None)
    labels = scorecards.indicator_labels()
    form.fields["indicator"].choices = [(k, labels.get(k, k)) for k in res.indicators]
    return form_action(request, form, lambda d: services.correction_request(result=res, actor=request.user, **d),
                       then=lambda c: _url("assessment:corrections"), template="assessment/correction_form.html",
                       context={"res": res}, done="更正申请已提交")


CORRECTION_COLUMNS = [
    Column("unit", "单位", "Unit", get=lambda c: c.result.unit.name),
    Column("year", "年度", "Year", get=lambda c: c.result.methodology.year),
    Column("indicator", "指标", "Indicator"),
    Column("old_value", "原值", "Published value"),
    Column("new_value", "更正值", "Corrected value"),
    Column("reason", "理由", "Reason"),
    Column("status", "状态", "Status", get=lambda c: CorrectionStatus.label(c.status)),
    Column("decision", "审核意见", "Decision"),
]


@login_required
def corrections(request):
    qs = DataCorrection.objects.for_user(request.user).select_related("result__unit", "result__methodology")
    return table_response(request, qs, CORRECTION_COLUMNS, title="考核数据更正申请", filename="data-corrections",
                          template="assessment/corrections.html", model=DataCorrection)


@login_required
@require_POST
def correction_decide(request, pk: int, decision: str):
    corr = get_object_or_404(DataCorrection.objects.for_user(request.user), pk=pk)
    if decision not in ("accept", "reject"):
        raise Http404
    return action(request, lambda: services.correction_decide(correction=corr, accept=decision == "accept",
                                                              note=request.POST.get("note", ""), actor=request.user),
                  then=_url("assessment:corrections"))


INDICATOR_COLUMNS = [
    Column("key", "标识", "Key"),
    Column("label", "指标", "Indicator", get=lambda i: str(i.label)),
    Column("unit", "单位", "Unit"),
    Column("direction", "方向", "Direction", get=lambda i: "越高越好" if i.direction == "higher" else "越低越好"),
    Column("min_coverage", "最低数据覆盖率", "Minimum coverage", get=lambda i: f"{100 * i.min_coverage:.0f}%"),
    Column("compute", "计算来源", "Computed by", get=lambda i: i.compute if isinstance(i.compute, str) else ""),
]


@login_required
def indicator_list(request):
    return table_response(request, scorecards.indicator_catalogue(), INDICATOR_COLUMNS, title="考核指标目录",
                          filename="assessment-indicators", template="assessment/indicators.html", page_size=100)


class VetoEventForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=None)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    condition = forms.ChoiceField(label="否决条件", choices=VetoCondition.choices())
    date = forms.DateField(label="发生日期", widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label="情况说明", max_length=300)
    evidence = forms.CharField(label="证据（文号或链接）", max_length=300)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scorecards.all_units(user)


VETO_COLUMNS = [
    Column("unit", "单位", "Unit", get=lambda e: e.unit.name),
    Column("year", "年度", "Year"),
    Column("condition", "否决条件", "Condition", get=lambda e: VetoCondition.label(e.condition)),
    Column("date", "日期", "Date"),
    Column("description", "情况说明", "Description"),
    Column("evidence", "证据", "Evidence"),
]


@login_required
def veto_events(request):
    return table_response(request, scorecards.veto_events(request.user), VETO_COLUMNS, title="一票否决事项",
                          filename="veto-events", template="assessment/vetoes.html", model=VetoEvent)


@login_required
def veto_event_new(request):
    form = VetoEventForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services.veto_event_create(actor=request.user, **d),
                       then=lambda e: _url("assessment:vetoes"), template="assessment/correction_form.html",
                       context={"title": "登记一票否决事项"}, done="已登记")

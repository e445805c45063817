"""Pages of the ecological exam paper, the project register (with .xlsx import) and basin compensation."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils import timezone

from ecogov.core.excel import Column
from ecogov.core.forms import ImportForm
from ecogov.core.pages import form_action, import_template_response, table_response
from ecogov.core.params import id_param, year_param

from . import programmes, selectors, services_programmes, water
from .tables import _num

EXAM_COLUMNS = [
    Column("code", "编号", "Code"),
    Column("category", "类别", "Category"),
    Column("name", "指标", "Indicator"),
    Column("unit", "单位", "Unit"),
    Column("target", "目标值", "Target", get=lambda r: f"{'≥' if r['direction'] == 'higher' else '≤'}{r['target']:g}"),
    Column("value", "年度值", "Value", get=lambda r: _num(r["value"], 2)),
    Column("status", "达标情况", "Status", get=lambda r: r["status_label"]),
    Column("source", "来源", "Source", get=lambda r: {"computed": "平台计算", "entered": "填报"}.get(r["source"], "—")),
    Column("department", "责任部门", "Department"),
    Column("evidence", "佐证", "Evidence"),
]

PROJECT_COLUMNS = [
    Column("code", "项目编号", "Code"),
    Column("name", "项目名称", "Project"),
    Column("programme", "所属计划", "Programme"),
    Column("category", "类别", "Category"),
    Column("unit", "责任单位", "Responsible unit"),
    Column("year", "年度", "Year"),
    Column("planned", "计划投资(万元)", "Planned (CNY 10k)"),
    Column("actual", "完成投资(万元)", "Actual (CNY 10k)"),
    Column("investment_rate", "投资完成率(%)", "Investment done (%)"),
    Column("progress", "形象进度(%)", "Progress (%)"),
    Column("expected", "序时进度(%)", "Expected (%)"),
    Column("state", "进度状态", "State", get=lambda r: r["state_label"]),
    Column("deadline", "计划完成", "Deadline"),
    Column("indicator", "关联考核指标", "Indicator"),
    Column("ledger_ref", "关联台账", "Ledger item"),
]


@login_required
def exam_paper(request):
    year = year_param(request.GET.get("year")) or selectors.default_year() - 1
    rows = programmes.exam_paper(request.user, year=year)
    return table_response(request, rows, EXAM_COLUMNS, title=f"生态文明建设示范指标（考卷）{year}",
                          filename=f"eco-indicators-{year}", template="assessment/programmes.html", page_size=100,
                          extra={"year": year, "gaps": programmes.gap_counts(rows), "exam": True})


@login_required
def project_list(request):
    year = year_param(request.GET.get("year"))
    programme = id_param(request.GET.get("programme"))
    rows = programmes.project_rows(request.user, programme=programme, year=year, today=timezone.localdate())
    return table_response(request, rows, PROJECT_COLUMNS, title="项目库", filename="projects",
                          template="assessment/programmes.html", page_size=50,
                          extra={"year": year, "projects": True, "programmes": programmes.programmes(request.user),
                                 "by_programme": programmes.totals(rows, "programme"),
                                 "by_category": programmes.totals(rows, "category"),
                                 "by_year": programmes.totals(rows, "year")})


@login_required
def project_import(request):
    if request.GET.get("template"):
        return import_template_response(services_programmes.IMPORT_COLUMNS, title="projects", filename="projects-template", dated=False)
    form = ImportForm(request.POST or None, request.FILES or None)
    return form_action(request, form, lambda d: services_programmes.projects_import(file=d["file"], actor=request.user),
                       then="assessment:projects", template="assessment/import.html", done="项目已导入")


COMPENSATION_COLUMNS = [
    Column("month", "月份", "Month"),
    Column("code", "断面编码", "Section code"),
    Column("name", "断面", "Section"),
    Column("class_label", "当月类别", "Class of the month"),
    Column("target", "目标类别", "Target", get=lambda r: water.class_label(r["target"])),
    Column("payer", "支付方", "Payer", get=lambda r: {"downstream": "下游", "upstream": "上游"}.get(r["payer"], "无数据")),
    Column("amount", "金额(万元)", "Amount (CNY 10k)"),
]


@login_required
def compensation(request):
    year = year_param(request.GET.get("year")) or selectors.default_year()
    agreements = list(programmes.agreements(request.user))
    pk = id_param(request.GET.get("agreement"))
    agreement = next((a for a in agreements if a.pk == pk), None) if pk else (agreements[0] if agreements else None)
    if pk and agreement is None:
        raise Http404
    result = programmes.compensation(request.user, agreement, year) if agreement else {"rows": []}
    return table_response(request, result["rows"], COMPENSATION_COLUMNS, title=f"流域横向生态补偿核算 {year}",
                          filename=f"compensation-{year}", template="assessment/programmes.html", page_size=100,
                          extra={"year": year, "agreements": agreements, "agreement": agreement, "result": result,
                                 "compensation_page": True})


class EcoValueForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    value = forms.FloatField(label="数值")
    evidence = forms.CharField(label="佐证材料", max_length=300, required=False)


@login_required
def eco_value(request, pk: int):
    indicator = programmes.indicator_get(request.user, pk)
    if indicator is None:
        raise Http404
    form = EcoValueForm(request.POST or None, initial={"year": selectors.default_year() - 1})
    return form_action(request, form, lambda d: services_programmes.eco_value_set(
        indicator=indicator, actor=request.user, **d), then=lambda v: f"{_exam_url()}?year={v.year}",
        template="assessment/correction_form.html", context={"title": f"填报：{indicator.name}"}, done="已保存")


def _exam_url() -> str:
    from django.urls import reverse

    return reverse("assessment:exam")


@login_required
def eco_import(request):
    if request.GET.get("template"):
        return import_template_response(services_programmes.ECO_IMPORT_COLUMNS, title="eco-indicators", filename="eco-indicators-template", dated=False)
    form = ImportForm(request.POST or None, request.FILES or None)
    return form_action(request, form, lambda d: services_programmes.eco_values_import(file=d["file"], actor=request.user),
                       then="assessment:exam", template="assessment/import.html", done="指标数值已导入",
                       context={"title": "导入生态文明建设指标数值"})

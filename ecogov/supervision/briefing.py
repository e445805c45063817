"""Supervision's briefing section (环境监管): differentiated supervision by class A/B/C,
double-random inspections, the positive list, off-site checks, joint and night actions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse

from ecogov.core import briefing as b
from ecogov.registry import selectors as registry

from . import selectors
from .choices import PlanStatus
from .models import DrawnObject

TITLE = "差异化环境监管"


def _objects(user, j) -> dict:
    row = registry.objects_for(user).within(j).aggregate(
        n=Count("id"), a=Count("id", filter=Q(supervision_class="A")), b=Count("id", filter=Q(supervision_class="B")),
        c=Count("id", filter=Q(supervision_class="C")), positive=Count("id", filter=Q(on_positive_list=True)))
    return row


def _work(user, j, start: dt.date, end: dt.date) -> dict:
    inspections = selectors.inspections_for(user).within(j).filter(date__range=(start, end))
    row = inspections.aggregate(random=Count("id", filter=Q(plan__isnull=False)),
                                joint=Count("id", filter=Q(joint_action=True)),
                                night=Count("id", filter=Q(night_action=True)))
    row["offsite"] = selectors.offsite_for(user).within(j).filter(date__range=(start, end)).count()
    return row


def _plans(user, j, year_start: dt.date, end: dt.date) -> dict:
    """Double-random plans under way in the year (approved or later) and the share of their
    drawn objects inside ``j`` already inspected."""
    plans = selectors.plans_for(user).filter(period_start__lte=end, period_end__gte=year_start).exclude(
        status__in=(PlanStatus.DRAFT, PlanStatus.CANCELLED))
    drawn = DrawnObject.objects.for_user(user).filter(
        plan__in=plans, supervised_object__jurisdiction__path__startswith=j.path)
    row = drawn.aggregate(n=Count("id"), done=Count("id", filter=Q(inspection__isnull=False)))
    return {"plans": plans.count(), "drawn": row["n"], "done": row["done"]}


def build(user, *, jurisdiction, start: dt.date, end: dt.date) -> dict:
    year_start = start.replace(month=1, day=1)
    objects, work = _objects(user, jurisdiction), _work(user, jurisdiction, year_start, end)
    plans = _plans(user, jurisdiction, year_start, end)
    if not objects["n"] and not any(work.values()):
        return b.no_data(TITLE)
    span = f"{year_start:%Y-%m-%d}~{end:%Y-%m-%d}"
    objects_url = reverse("registry:object_list")
    figures = {
        "objects": b.figure(objects["n"], label="监管对象", unit="家", url=objects_url, rows=objects["n"],
                            rule="supervised objects in the registry (now)"),
        **{k: b.figure(objects[k], label=f"{k.upper()}类企业", unit="家", url=f"{objects_url}?supervision_class={k.upper()}",
                       rows=objects[k], rule=f"supervised objects of class {k.upper()} (now)") for k in ("a", "b", "c")},
        "random": b.figure(work["random"], label="“双随机”检查", unit="家次", url=reverse("supervision:inspection_list"),
                           rows=work["random"], rule=f"inspections of drawn objects {span}"),
        "plans": b.figure(plans["plans"], label="“双随机”抽查计划", unit="个", url=reverse("supervision:plan_list"),
                          rows=plans["plans"], rule=f"plans approved or later whose period meets {span}"),
        "coverage": b.figure(b.pct(plans["done"], plans["drawn"]), label="抽中对象检查完成率", unit="%",
                             url=reverse("supervision:plan_list"), rows=plans["drawn"],
                             rule="drawn objects of those plans in the area already inspected / drawn"),
        "positive": b.figure(objects["positive"], label="正面清单", unit="家", url=f"{objects_url}?positive_list=true",
                             rows=objects["positive"], rule="objects on the positive list (now)"),
        "offsite": b.figure(work["offsite"], label="非现场检查", unit="家次", url=reverse("supervision:offsite_list"),
                            rows=work["offsite"], rule=f"off-site checks {span}"),
        "joint": b.figure(work["joint"], label="联合执法行动检查", unit="家次", url=reverse("supervision:inspection_list"),
                          rows=work["joint"], rule=f"inspections marked joint action {span} (one per unit inspected)"),
        "night": b.figure(work["night"], label="夜间执法行动检查", unit="家次", url=reverse("supervision:inspection_list"),
                          rows=work["night"], rule=f"inspections marked night action {span} (one per unit inspected)"),
    }
    months = f"1-{end.month}月" if end.month > 1 else "1月"
    paragraphs = [
        "推行差异化监管，对{objects}家监管对象按照污染程度、行业类别、环境风险程度等进行分类，其中A类企业{a}家、"
        f"B类企业{{b}}家、C类企业{{c}}家，严格按类别按比例进行抽查，{months}开展“双随机、一公开”检查{{random}}家次。",
        f"推行正面清单管理，将{{positive}}家企业纳入正面清单管理，尽可能通过非现场执法方式开展执法监管，{months}，"
        "开展非现场检查{offsite}家次；联合执法行动检查{joint}家次、夜间执法行动检查{night}家次。",
    ]
    if plans["plans"]:
        paragraphs.insert(1, "今年实施“双随机”抽查计划{plans}个，抽中对象检查完成率{coverage}%。")
    chart = b.chart("监管对象分类", ["A类", "B类", "C类"], [{"name": "监管对象", "values": [objects["a"], objects["b"],
                                                                                 objects["c"]]}], unit="家")
    return b.section(TITLE, paragraphs=paragraphs, figures=figures, charts=[chart], as_of=f"{end}T23:59:59")

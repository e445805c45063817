"""Staff pages of the ledger: the item list (filters, .xlsx export), an item with its
tree, milestones, evidence and workflow steps, the batches with their completion
rates, the batch import. Thin: read through selectors, call one service."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core.forms import ImportForm
from ecogov.core.pages import ListPage, action, form_action, import_page, import_template_response

from . import imports, selectors, services
from .filters import BatchFilterSet, RectificationItemFilterSet
from .forms import BatchForm, ExtendForm, MilestoneForm, ProblemForm, ReportForm, TaskForm
from .models import Batch
from .tables import BATCH_COLUMNS, IMPORT_COLUMNS, ITEM_COLUMNS
from .workflow import WORKFLOW, item_transition

ITEMS = ListPage(
    filterset=RectificationItemFilterSet, columns=ITEM_COLUMNS, queryset=selectors.items_for,
    title=gettext_lazy("Rectification items"), filename="rectification-items", link="rectification:item_detail",
    template="rectification/item_list.html", page_size=50,
    extra=lambda request: {"can_close": selectors.may_close(request.user)},
)
BATCHES = ListPage(
    filterset=BatchFilterSet, columns=BATCH_COLUMNS, queryset=selectors.batches_for,
    title=gettext_lazy("Batches"), filename="rectification-batches", link="rectification:batch_detail",
    template="rectification/batch_list.html",
    extra=lambda request: {"overview": selectors.overview(request.user),
                           "can_add": selectors.may(request.user, "add", Batch)},
)


@login_required
def item_list(request):
    return ITEMS.response(request)


def _steps(item, user) -> list[dict]:
    return [{"to": s.to, "label": s.label, "form": s.form(prefix=None, auto_id=False),
             "url": reverse("rectification:item_move", args=[item.pk, s.to])} for s in WORKFLOW.steps(item, user)]


@login_required
def item_detail(request, pk: int):
    item = selectors.item_get(user=request.user, pk=pk)
    return render(request, "rectification/item_detail.html", {
        "item": item, "tree": selectors.children(request.user, item), "milestones": item.milestones.all(),
        "reports": item.reports.select_related("actor")[:20], "evidence": selectors.evidence(item),
        "escalations": item.escalations.all(), "source": selectors.source_of(item), "steps": _steps(item, request.user),
        "can_change": selectors.may(request.user, "change"), "can_approve": selectors.may(request.user, "approve"),
        "report_form": ReportForm(), "milestone_form": MilestoneForm(), "extend_form": ExtendForm(),
        "task_form": TaskForm(), "reportable": item.state in services.REPORT_STATES and not tree_has(item),
    })


def tree_has(item) -> bool:
    return item.children.exists()


def _back(item) -> str:
    return reverse("rectification:item_detail", args=[item.pk])


def _refuse(request, text: str, item):
    messages.error(request, text)
    return redirect(_back(item))


@login_required
@require_POST
def item_move(request, pk: int, to: str):
    item = selectors.item_get(user=request.user, pk=pk, action="change")
    step = WORKFLOW.step(item, to, request.user)
    if step is None:
        return _refuse(request, _("This step is not open to you now."), item)
    form = step.form(request.POST, prefix=None, files=request.FILES)
    data = form.cleaned_data if form.is_valid() else {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    files = request.FILES.getlist("evidence")
    return action(request, lambda: item_transition(item=item, to=to, actor=request.user, data=data, files=files),
                  then=_back(item), done=step.label)


@login_required
@require_POST
def item_report(request, pk: int):
    item = selectors.item_get(user=request.user, pk=pk, action="change")
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refuse(request, _("Invalid input: check the dates and numbers."), item)
    d = form.cleaned_data
    return action(request, lambda: services.item_report(item=item, progress=d["progress"], note=d["note"],
                                                        actor=request.user, files=request.FILES.getlist("evidence")),
                  then=_back(item), done=_("Progress reported."))


def _small_form(request, item, form_class, call, done):
    form = form_class(request.POST)
    if not form.is_valid():
        return _refuse(request, " ".join(str(e) for errs in form.errors.values() for e in errs), item)
    return action(request, lambda: call(form.cleaned_data), then=_back(item), done=done)


@login_required
@require_POST
def milestone_add(request, pk: int):
    item = selectors.item_get(user=request.user, pk=pk, action="change")
    return _small_form(request, item, MilestoneForm,
                       lambda d: services.milestone_add(item=item, actor=request.user, **d), _("Milestone added."))


@login_required
@require_POST
def item_extend(request, pk: int):
    item = selectors.item_get(user=request.user, pk=pk, action="change")
    return _small_form(request, item, ExtendForm,
                       lambda d: services.item_extend(item=item, actor=request.user, **d), _("Deadline extended."))


@login_required
@require_POST
def task_add(request, pk: int):
    item = selectors.item_get(user=request.user, pk=pk, action="change")
    return _small_form(request, item, TaskForm, lambda d: services.item_create(
        data={**d, "assigned_date": timezone.localdate()}, actor=request.user, parent=item), _("Task added."))


@login_required
@require_POST
def item_close(request, pk: int):
    item = selectors.item_get(user=request.user, pk=pk)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("rectification:item_list")
    return action(request, lambda: services.rectification_close(
        item=item, closed_date=dt.date.fromisoformat(request.POST.get("closed_date", "")), actor=request.user),
        then=back, done=_("Rectification item closed."))


# ----------------------------------------------------------------------------- batches


@login_required
def batch_list(request):
    return BATCHES.response(request, extra={"link_column": 1})


@login_required
def batch_create(request):
    if not selectors.may(request.user, "add", Batch):
        raise PermissionDenied
    form = BatchForm(request.POST or None)
    city = request.user.jurisdiction
    return form_action(request, form, lambda d: services.batch_create(data={**d, "jurisdiction": city},
                                                                      actor=request.user),
                       then=lambda b: reverse("rectification:batch_detail", args=[b.pk]),
                       template="rectification/batch_form.html")


@login_required
def batch_detail(request, pk: int):
    batch = selectors.batch_get(user=request.user, pk=pk)
    rates = next((o for o in selectors.overview(request.user) if o["batch"].pk == batch.pk), None)
    return render(request, "rectification/batch_detail.html", {
        "batch": batch, "rates": rates or selectors.summary(request.user, batch),
        "items_url": f"{reverse('rectification:item_list')}?batch={batch.code}", "form": ImportForm(),
        "can_import": selectors.may(request.user, "change", Batch), "problem_form": ProblemForm(user=request.user),
        "can_add": selectors.may(request.user, "add")})


@login_required
def problem_add(request, pk: int):
    batch = selectors.batch_get(user=request.user, pk=pk)
    form = ProblemForm(request.POST or None, user=request.user)
    return form_action(request, form, lambda d: services.item_create(
        data={**d, "batch": batch, "assigned_date": timezone.localdate()}, actor=request.user),
        then=lambda item: reverse("rectification:item_detail", args=[item.pk]),
        template="rectification/problem_form.html", context={"batch": batch})


@login_required
def import_template(request):
    return import_template_response(IMPORT_COLUMNS, title="整改问题清单", filename="rectification-import-template",
                                    dated=False)


@login_required
@require_POST
def batch_import(request, pk: int):
    """The whole file or nothing; the refused rows (or the result) show on the same page."""
    batch = selectors.batch_get(user=request.user, pk=pk)
    return import_page(
        request, lambda data: imports.batch_import(batch=batch, data=data, actor=request.user),
        template="rectification/batch_import.html", context={"batch": batch},
        done=lambda result: _("Imported: %(c)s created, %(u)s updated, %(n)s unchanged.") % {
            "c": result.created, "u": result.updated, "n": result.unchanged})

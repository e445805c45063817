"""Registry pages: lists (filters, search, pagination, .xlsx export), the source's
file page (一源一档), create/edit forms, class and positive-list changes,
execution-report submission rates and the Excel import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core.errors import DomainError, NotFound, PermissionRefused
from ecogov.core.excel import ImportFailed, export_xlsx, template_xlsx
from ecogov.core.permissions import role_allows

from . import imports, selectors, services
from .choices import ReportFrequency, SupervisionClass
from .forms import (
    ClassForm,
    CommitmentForm,
    CPAuditForm,
    GenerateForm,
    ImportForm,
    ObjectForm,
    PermitForm,
    PositiveListForm,
    RegistrationForm,
    ReportSubmitForm,
)
from .models import SupervisedObject
from .tables import IMPORT_COLUMNS, OBJECT_COLUMNS, PERMIT_COLUMNS, REGISTRATION_COLUMNS, REPORT_COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 25
TABS = [
    ("basic", gettext_lazy("Basic information")),
    ("permits", gettext_lazy("Permits")),
    ("registrations", gettext_lazy("Registrations")),
    ("reports", gettext_lazy("Execution reports")),
    ("commitments", gettext_lazy("Commitment letters")),
    ("classes", gettext_lazy("Class history")),
    ("positive", gettext_lazy("Positive list")),
    ("cp", gettext_lazy("Cleaner production")),
    ("history", gettext_lazy("Change history")),
]


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


def _object_or_404(user, pk, action="view") -> SupervisedObject:
    try:
        return selectors.object_get(user=user, pk=pk, action=action)
    except NotFound as exc:
        raise Http404 from exc


def _list(request, filterset, columns, *, title, name, link=None, extra=None):
    """A list page: filter form, table of ``columns``, pagination; ``?export=xlsx`` = the same columns."""
    if request.GET.get("export") == "xlsx":
        if not _may(request.user, "export"):
            raise PermissionDenied
        return _xlsx(export_xlsx(columns, filterset.qs.iterator(chunk_size=1000), title=name), name)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "columns": columns,
        "page_obj": page,
        "title": title,
        "link": link,
        "export_query": _export_query(request),
    }
    context.update(extra or {})
    return render(request, "registry/list.html", context)


def _export_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["export"] = "xlsx"
    return query.urlencode()


@login_required
def object_list(request):
    fs = selectors.object_filterset(user=request.user, params=request.GET)
    return _list(
        request,
        fs,
        OBJECT_COLUMNS,
        title=_("Supervised objects"),
        name="supervised-objects",
        link="registry:object_detail",
        extra={"is_objects": True, "summary": selectors.summary(request.user)},
    )


@login_required
def permit_list(request):
    fs = selectors.permit_filterset(user=request.user, params=request.GET)
    return _list(request, fs, PERMIT_COLUMNS, title=_("Discharge permits"), name="permits")


@login_required
def registration_list(request):
    fs = selectors.registration_filterset(user=request.user, params=request.GET)
    return _list(request, fs, REGISTRATION_COLUMNS, title=_("Discharge registrations"), name="registrations",
                 extra={"new_url": "registry:registration_create", "new_label": _("New discharge registration")})


@login_required
def registration_create(request):
    """A registration form (登记管理): a unit outside the registry, or a registered source by its USCC."""
    if not _may(request.user, "add"):
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data.get("uscc"):
            in_scope = SupervisedObject.objects.for_user(request.user)
            data["supervised_object"] = in_scope.filter(uscc=data["uscc"]).first()
        try:
            reg = services.registration_create(data=data, actor=request.user)
        except (DomainError, PermissionRefused) as exc:
            field = (exc.detail or {}).get("field") if isinstance(exc.detail, dict) else None
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Saved."))
            if reg.supervised_object_id:
                return redirect(f"{obj_url(reg.supervised_object)}?tab=registrations")
            return redirect(f"{reverse('registry:registration_list')}?q={reg.registration_no}")
    return render(request, "registry/registration_form.html", {"form": form})


@login_required
def report_list(request):
    fs = selectors.report_filterset(user=request.user, params=request.GET)
    return _list(request, fs, REPORT_COLUMNS, title=_("Execution reports"), name="execution-reports")


@login_required
def report_rates(request):
    """Submission rate per period and the overdue list (both computed from the reports)."""
    try:
        rates = selectors.submission_rates(
            user=request.user,
            frequency=request.GET.get("frequency") or None,
            district=request.GET.get("district", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        rates = []
    overdue = selectors.overdue_reports(user=request.user)
    page = Paginator(overdue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/report_rates.html",
        {
            "rates": rates,
            "page_obj": page,
            "columns": REPORT_COLUMNS,
            "frequencies": ReportFrequency.choices(),
            "districts": selectors.district_choices(),
        },
    )


@login_required
def object_detail(request, pk: int):
    obj = _object_or_404(request.user, pk)
    tab = request.GET.get("tab", "basic")
    if tab not in dict(TABS):
        tab = "basic"
    return render(
        request,
        "registry/object_detail.html",
        {
            "obj": obj,
            "tab": tab,
            "tabs": TABS,
            "file": selectors.object_file(user=request.user, obj=obj),
            "class_form": ClassForm(
                initial={"new_class": obj.supervision_class, "effective_date": timezone.localdate()}
            ),
            "positive_form": PositiveListForm(initial={"date": timezone.localdate()}),
            "class_colour": SupervisionClass.colour(obj.supervision_class),
            "can_change": _may(request.user, "change"),
            "can_submit": _may(request.user, "submit") or _may(request.user, "change"),
            "submit_form": ReportSubmitForm(initial={"submitted_date": timezone.localdate()}),
            "commitment_form": CommitmentForm(initial={"signed_date": timezone.localdate()}),
            "cp_form": CPAuditForm(initial={"year": timezone.localdate().year}),
            "permit_form": PermitForm(),
            "generate_form": GenerateForm(initial={"year": timezone.localdate().year}),
        },
    )


def _save_object(request, form, obj=None):
    """Run the create or update service; domain errors become form errors."""
    data, datum = form.service_data()
    try:
        if obj is None:
            return services.object_create(data=data, actor=request.user, datum=datum)
        return services.object_update(obj=obj, data=data, actor=request.user, datum=datum)
    except DomainError as exc:
        field = (exc.detail or {}).get("field") if isinstance(exc.detail, dict) else None
        form.add_error(field if field in form.fields else None, exc.message)
        return None


@login_required
def object_create(request):
    if not (request.user.is_superuser or role_allows(request.user.role, "add", SupervisedObject)):
        raise PermissionDenied
    form = ObjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = _save_object(request, form)
        if obj is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:object_detail", pk=obj.pk)
    return render(request, "registry/object_form.html", {"form": form, "obj": None})


@login_required
def object_edit(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")
    form = ObjectForm(
        request.POST or None,
        user=request.user,
        instance=_object_or_404(request.user, pk, "change"),
        initial={"datum": "wgs84"},
    )
    if request.method == "POST" and form.is_valid():
        if _save_object(request, form, obj) is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:object_detail", pk=obj.pk)
    return render(request, "registry/object_form.html", {"form": form, "obj": obj})


def _run(request, fn, **kwargs) -> None:
    try:
        fn(actor=request.user, **kwargs)
        messages.success(request, _("Saved."))
    except DomainError as exc:
        messages.error(request, exc.message)


@login_required
@require_POST
def object_set_class(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")
    form = ClassForm(request.POST)
    if form.is_valid():
        _run(request, services.object_set_class, obj=obj, **form.cleaned_data)
    else:
        messages.error(
            request, "; ".join(f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items())
        )
    return redirect(f"{obj_url(obj)}?tab=classes")


@login_required
@require_POST
def object_positive_list(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")
    form = PositiveListForm(request.POST)
    if form.is_valid():
        date, reason = form.cleaned_data["date"], form.cleaned_data["reason"]
        if obj.on_positive_list:
            _run(request, services.positive_list_remove, obj=obj, end_date=date, reason=reason)
        else:
            _run(request, services.positive_list_add, obj=obj, start_date=date, reason=reason)
    else:
        messages.error(request, _("Please give a valid date."))
    return redirect(f"{obj_url(obj)}?tab=positive")


def obj_url(obj) -> str:
    from django.urls import reverse

    return reverse("registry:object_detail", args=[obj.pk])


@login_required
def import_template(request):
    return _xlsx(template_xlsx(IMPORT_COLUMNS, title="监管对象"), "supervised-objects-template")


@login_required
def object_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.objects_import(data=form.cleaned_data["file"].read(), actor=request.user)
            messages.success(
                request,
                _("Imported: %(c)s created, %(u)s updated.") % {"c": result.created, "u": result.updated},
            )
        except ImportFailed as exc:
            errors = exc.errors
            messages.error(request, exc.message)
        except (DomainError, PermissionRefused) as exc:
            messages.error(request, exc.message)
    return render(request, "registry/import.html", {"form": form, "errors": errors, "result": result})


def _may(user, action: str) -> bool:
    return user.is_superuser or role_allows(user.role, action, SupervisedObject)


def _form_errors(form) -> str:
    return "; ".join(
        f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}" for k, v in form.errors.items()
    )


@login_required
@require_POST
def report_submit(request, pk: int):
    """Record an execution report's submission (the enterprise itself, or staff for it)."""
    try:
        report = selectors.report_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    form = ReportSubmitForm(request.POST, request.FILES)
    if form.is_valid():
        _run(request, services.execution_report_submit, report=report, **form.cleaned_data)
    else:
        messages.error(request, _form_errors(form))
    return redirect(f"{obj_url(report.permit.supervised_object)}?tab=reports")


@login_required
@require_POST
def commitment_add(request, pk: int):
    return _file_form(request, pk, CommitmentForm(request.POST, request.FILES), "commitments",
                      lambda obj, data, actor: services.commitment_add(obj=obj, **data, actor=actor))


@login_required
@require_POST
def cp_audit_add(request, pk: int):
    return _file_form(request, pk, CPAuditForm(request.POST), "cp",
                      lambda obj, data, actor: services.cp_audit_create(obj=obj, data=data, actor=actor))


@login_required
@require_POST
def permit_add(request, pk: int):
    return _file_form(request, pk, PermitForm(request.POST), "permits",
                      lambda obj, data, actor: services.permit_create(obj=obj, data=data, actor=actor))


def _file_form(request, pk: int, form, tab: str, save) -> HttpResponse:
    """A form posted from a tab of the file page: validate, save through the service, back to the tab."""
    obj = _object_or_404(request.user, pk, "change")
    if form.is_valid():
        _run(request, lambda actor: save(obj, form.cleaned_data, actor))
    else:
        messages.error(request, _form_errors(form))
    return redirect(f"{obj_url(obj)}?tab={tab}")


@login_required
@require_POST
def permit_generate_reports(request, pk: int):
    """Create the execution reports a permit owes for a year."""
    try:
        permit = selectors.permit_get(user=request.user, pk=pk, action="change")
    except NotFound as exc:
        raise Http404 from exc
    form = GenerateForm(request.POST)
    if form.is_valid():
        _run(request, services.execution_report_generate, permit=permit, year=form.cleaned_data["year"])
    else:
        messages.error(request, _form_errors(form))
    return redirect(f"{obj_url(permit.supervised_object)}?tab=reports")

"""Registry pages: lists (core's page kit: filters, search, pagination, .xlsx export),
the source's file page (一源一档), create/edit forms, class and positive-list changes,
execution-report submission rates and the Excel import. Every POST goes through
``core.pages.action`` or ``form_action``; reads go through the selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecogov.core.errors import DomainError, NotFound
from ecogov.core.pages import (
    PAGE_SIZE,
    action,
    error_text,
    form_action,
    import_page,
    import_template_response,
)
from ecogov.core.permissions import role_allows

from . import imports, selectors, services
from .choices import ReportFrequency, SupervisionClass
from .forms import (
    ClassForm,
    CommitmentForm,
    CPAuditForm,
    GenerateForm,
    ObjectForm,
    PermitForm,
    PositiveListForm,
    RegistrationForm,
    ReportSubmitForm,
)
from .models import SupervisedObject
from .tables import IMPORT_COLUMNS, REPORT_COLUMNS

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


def _may(user, action_name: str) -> bool:
    return user.is_superuser or role_allows(user.role, action_name, SupervisedObject)


def _found(get, **kwargs):
    """A selector's one object, or 404."""
    try:
        return get(**kwargs)
    except NotFound as exc:
        raise Http404 from exc


def _object_or_404(user, pk, action_name="view") -> SupervisedObject:
    return _found(selectors.object_get, user=user, pk=pk, action=action_name)


def obj_url(obj, tab: str = "") -> str:
    url = reverse("registry:object_detail", args=[obj.pk])
    return f"{url}?tab={tab}" if tab else url


def _form_errors(form) -> str:
    return "; ".join(
        f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}" for k, v in form.errors.items()
    )


def _posted(request, form, call, *, back: str, invalid: str | None = None):
    """A form posted from a tab of the file page: invalid input is the message, else the service call
    through ``action``; either way back to the tab."""
    if not form.is_valid():
        messages.error(request, invalid or _form_errors(form))
        return redirect(back)
    return action(request, lambda: call(form.cleaned_data), then=back, done=_("Saved."))


# --- lists --------------------------------------------------------------------------------------


@login_required
def object_list(request):
    return selectors.OBJECTS.response(request, extra={"is_objects": True, "summary": selectors.summary(request.user)})


@login_required
def permit_list(request):
    return selectors.PERMITS.response(request)


@login_required
def registration_list(request):
    return selectors.REGISTRATIONS.response(
        request, extra={"new_url": "registry:registration_create", "new_label": _("New discharge registration")}
    )


@login_required
def report_list(request):
    return selectors.REPORTS.response(request)


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
        messages.error(request, error_text(exc))
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


# --- the file page and its forms ----------------------------------------------------------------


@login_required
def object_detail(request, pk: int):
    obj = _object_or_404(request.user, pk)
    tab = request.GET.get("tab", "basic")
    if tab not in dict(TABS):
        tab = "basic"
    today = timezone.localdate()
    return render(
        request,
        "registry/object_detail.html",
        {
            "obj": obj,
            "tab": tab,
            "tabs": TABS,
            "file": selectors.object_file(user=request.user, obj=obj),
            "class_form": ClassForm(initial={"new_class": obj.supervision_class, "effective_date": today}),
            "positive_form": PositiveListForm(initial={"date": today}),
            "class_colour": SupervisionClass.colour(obj.supervision_class),
            "can_change": _may(request.user, "change"),
            "can_submit": _may(request.user, "submit") or _may(request.user, "change"),
            "submit_form": ReportSubmitForm(initial={"submitted_date": today}),
            "commitment_form": CommitmentForm(initial={"signed_date": today}),
            "cp_form": CPAuditForm(initial={"year": today.year}),
            "permit_form": PermitForm(),
            "generate_form": GenerateForm(initial={"year": today.year}),
        },
    )


@login_required
def object_create(request):
    if not _may(request.user, "add"):
        raise PermissionDenied
    form = ObjectForm(request.POST or None, user=request.user)

    def create(_data):
        data, datum = form.service_data()
        return services.object_create(data=data, actor=request.user, datum=datum)

    return form_action(request, form, create, then=obj_url, template="registry/object_form.html",
                       context={"obj": None})


@login_required
def object_edit(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")
    form = ObjectForm(
        request.POST or None,
        user=request.user,
        instance=_object_or_404(request.user, pk, "change"),
        initial={"datum": "wgs84"},
    )

    def update(_data):
        data, datum = form.service_data()
        return services.object_update(obj=obj, data=data, actor=request.user, datum=datum)

    return form_action(request, form, update, then=obj_url, template="registry/object_form.html",
                       context={"obj": obj})


@login_required
@require_POST
def object_set_class(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")
    return _posted(request, ClassForm(request.POST), back=obj_url(obj, "classes"),
                   call=lambda data: services.object_set_class(obj=obj, actor=request.user, **data))


@login_required
@require_POST
def object_positive_list(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")

    def change(data):
        if obj.on_positive_list:
            return services.positive_list_remove(obj=obj, end_date=data["date"], reason=data["reason"],
                                                 actor=request.user)
        return services.positive_list_add(obj=obj, start_date=data["date"], reason=data["reason"],
                                          actor=request.user)

    return _posted(request, PositiveListForm(request.POST), change, back=obj_url(obj, "positive"),
                   invalid=_("Please give a valid date."))


@login_required
@require_POST
def commitment_add(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")
    return _posted(request, CommitmentForm(request.POST, request.FILES), back=obj_url(obj, "commitments"),
                   call=lambda data: services.commitment_add(obj=obj, **data, actor=request.user))


@login_required
@require_POST
def cp_audit_add(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")
    return _posted(request, CPAuditForm(request.POST), back=obj_url(obj, "cp"),
                   call=lambda data: services.cp_audit_create(obj=obj, data=data, actor=request.user))


@login_required
@require_POST
def permit_add(request, pk: int):
    obj = _object_or_404(request.user, pk, "change")
    return _posted(request, PermitForm(request.POST), back=obj_url(obj, "permits"),
                   call=lambda data: services.permit_create(obj=obj, data=data, actor=request.user))


@login_required
@require_POST
def permit_generate_reports(request, pk: int):
    """Create the execution reports a permit owes for a year."""
    permit = _found(selectors.permit_get, user=request.user, pk=pk, action="change")
    return _posted(request, GenerateForm(request.POST), back=obj_url(permit.supervised_object, "reports"),
                   call=lambda data: services.execution_report_generate(permit=permit, year=data["year"],
                                                                        actor=request.user))


@login_required
@require_POST
def report_submit(request, pk: int):
    """Record an execution report's submission (the enterprise itself, or staff for it)."""
    report = _found(selectors.report_get, user=request.user, pk=pk)
    return _posted(request, ReportSubmitForm(request.POST, request.FILES),
                   back=obj_url(report.permit.supervised_object, "reports"),
                   call=lambda data: services.execution_report_submit(report=report, **data, actor=request.user))


# --- registrations ------------------------------------------------------------------------------


def _registration_saved(reg) -> str:
    if reg.supervised_object_id:
        return obj_url(reg.supervised_object, "registrations")
    return f"{reverse('registry:registration_list')}?q={reg.registration_no}"


@login_required
def registration_create(request):
    """A registration form (登记管理): a unit outside the registry, or a registered source by its USCC."""
    if not _may(request.user, "add"):
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, user=request.user)

    def create(data):
        data = dict(data)
        if data.get("uscc"):
            data["supervised_object"] = selectors.object_with_uscc(request.user, data["uscc"])
        return services.registration_create(data=data, actor=request.user)

    return form_action(request, form, create, then=_registration_saved, template="registry/registration_form.html")


# --- import -------------------------------------------------------------------------------------


@login_required
def import_template(request):
    return import_template_response(IMPORT_COLUMNS, title="监管对象", filename="supervised-objects-template")


@login_required
def object_import(request):
    """The whole file or nothing; the refused rows (or the result) are shown on the same page."""
    return import_page(request, lambda data: imports.objects_import(data=data, actor=request.user),
                       template="registry/import.html")

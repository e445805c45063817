"""Core pages: home, sign-in/out (with the optional second factor), password change, history
tab, the working-day calendar and the one "due soon / overdue" page."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import clock, contrib, otp, selectors, services, throttle
from .errors import NotFound, PermissionRefused
from .excel import Column
from .forms import CodeForm, DueFilterForm, HolidayForm, ThrottledLoginForm
from .models import Holiday
from .pages import action, form_action, table_response
from .params import date_param, year_param
from .permissions import role_allows


@login_required
def home(request):
    return render(request, "core/home.html", {"cards": selectors.home_cards(request.user)})


@login_required
def history(request, content_type_id: int, object_id: str):
    """The history tab of any object (an HTMX partial, or a page)."""
    try:
        rows = selectors.object_history(request.user, content_type_id, object_id)
    except NotFound as exc:
        raise Http404 from exc
    template = "core/_history.html" if request.headers.get("HX-Request") else "core/history.html"
    rows = [(row, selectors.history_changes(row)) for row in rows.select_related("content_type")[:500]]
    return render(request, template, {"rows": rows})


class LoginView(auth_views.LoginView):
    """The password step; an account with a second factor goes on to the code step."""

    template_name = "core/login.html"
    redirect_authenticated_user = True
    form_class = ThrottledLoginForm

    def form_valid(self, form):
        user = form.get_user()
        if not otp.has_device(user):
            return super().form_valid(form)
        otp.begin_login(self.request, user, next_url=self.get_success_url())
        return redirect("core:login_code")


def login_code(request):
    """The second step of a sign-in: the code of the authenticator app."""
    pending, user = otp.pending_login(request)
    if pending is None or user is None:
        return redirect("core:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = throttle.client_address(request)
        device = otp.device_for(user)
        try:
            throttle.refuse_if_locked(user.username, address)
        except throttle.LockedOut as exc:
            form.add_error(None, exc.message)
        else:
            if device is not None and device.verify_token(form.cleaned_data["code"]):
                user.backend = pending["backend"]
                otp.finish_login(request, user, device)
                return redirect(pending["next"])
            throttle.record_failure(user.username, address, what="otp")
            form.add_error("code", _("Wrong or expired code."))
    return render(request, "core/login_code.html", {"form": form, "account": user})


@login_required
def otp_setup(request):
    """Enrol the second factor (a QR code and the secret, then a code to confirm) or remove it."""
    if not otp.may_enrol(request.user):
        raise PermissionRefused()
    device = otp.device_for(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if device is None:
            return form_action(request, form, lambda d: otp.device_enrol(request=request, user=request.user,
                                                                         code=d["code"]),
                               then="core:otp_setup", template="core/otp_setup.html",
                               context=_enrol_context(request), done=_("Second factor enabled."))
        return form_action(request, form, lambda d: otp.device_remove(user=request.user, code=d["code"]),
                           then="core:otp_setup", template="core/otp_setup.html",
                           context={"device": device, "required": otp.required_for(request.user)},
                           done=_("Second factor removed."))
    context = {"device": device, "required": otp.required_for(request.user)} if device else _enrol_context(request)
    return render(request, "core/otp_setup.html", {"form": form, **context})


def _enrol_context(request) -> dict:
    key = otp.new_secret(request)
    uri = otp.provisioning_uri(request.user, key)
    return {"secret": otp.secret_base32(key), "qr": mark_safe(otp.qr_svg(uri)),  # an SVG made by segno
            "uri": uri, "required": otp.required_for(request.user)}


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (the AUTH_PASSWORD_VALIDATORS policy), audited."""

    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        otp.password_changed(user=self.request.user)
        return response

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {**super().get_context_data(**kwargs), "otp_available": otp.may_enrol(user),
                "otp_enabled": otp.has_device(user)}


DUE_COLUMNS = [
    Column("kind_label", "类别", "Kind"),
    Column("label", "事项", "Item"),
    Column("owner", "责任人", "Owner"),
    Column("due", "截止日期", "Due date"),
    Column("days_left", "剩余天数", "Days left"),
    Column("note", "说明", "Note"),
]


@login_required
def due(request):
    """Every deadline in the user's scope, from every app's clock source: overdue first, then due soon;
    ``?mine=1``: only those the user holds. The export follows the same filter."""
    form = DueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    days = 7 if data.get("days") is None else data["days"]
    labels = {s.key: str(s.label) for s in contrib.clock_sources}
    rows = [{"kind_label": labels.get(d.kind, d.kind), "label": d.label, "owner": d.owner, "due": d.due,
             "days_left": d.days_left(today), "note": d.note, "url": d.url, "state": d.state(today)}
            for d in selectors.due_items(request.user, today=today, horizon_days=days, kind=data.get("kind", ""),
                                         mine=bool(data.get("mine")))]
    return table_response(request, rows, DUE_COLUMNS, title=_("Due and overdue"), filename="due",
                          template="core/due.html", filterset=_FormFilter(form), dated=True,
                          extra={"overdue": sum(r["state"] == "overdue" for r in rows)})


class _FormFilter:
    """A plain form in the page kit's filter slot."""

    def __init__(self, form):
        self.form = form


def _may_manage_calendar(user) -> bool:
    return user.is_superuser or role_allows(user.role, "manage", Holiday)


@login_required
def calendar_year(request):
    year = year_param(request.GET.get("year"), timezone.localdate().year)
    form = HolidayForm(initial={"workday": "0"})
    context = {"year": year, "days": clock.year_days(year), "form": form, "years": clock.official_years(),
               "can_manage": _may_manage_calendar(request.user)}
    return render(request, "core/calendar.html", context)


@login_required
def calendar_set(request):
    back = f"{reverse('core:calendar')}?year={request.POST.get('date', '')[:4]}"
    return form_action(
        request, HolidayForm(request.POST or None),
        lambda d: services.holiday_set(date=d["date"], workday=d["workday"], name=d["name"], actor=request.user),
        then=lambda row: f"{reverse('core:calendar')}?year={row.date.year}",
        template="core/calendar_form.html", context={"back": back},
    )


@login_required
@require_POST
def calendar_remove(request):
    raw = request.POST.get("date", "")
    back = f"{reverse('core:calendar')}?year={raw[:4]}"

    def remove():
        day = date_param(raw, name="date")
        if day is None:
            raise ValueError("date missing")
        return services.holiday_remove(date=day, actor=request.user)

    return action(request, remove, then=back)

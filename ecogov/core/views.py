"""Core pages: home, sign-in/out, password change, history tab, the working-day
calendar and the one "due soon / overdue" page."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import clock, contrib, selectors, services
from .errors import NotFound
from .excel import Column
from .forms import DueFilterForm, HolidayForm, ThrottledLoginForm
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
    template_name = "core/login.html"
    redirect_authenticated_user = True
    form_class = ThrottledLoginForm


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:home")


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
    """Every deadline the user owns, from every app's clock source: overdue first, then due soon."""
    form = DueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    days = 7 if data.get("days") is None else data["days"]
    labels = {s.key: str(s.label) for s in contrib.clock_sources}
    rows = [{"kind_label": labels.get(d.kind, d.kind), "label": d.label, "owner": d.owner, "due": d.due,
             "days_left": d.days_left(today), "note": d.note, "url": d.url, "state": d.state(today)}
            for d in selectors.due_items(request.user, today=today, horizon_days=days, kind=data.get("kind", ""))]
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

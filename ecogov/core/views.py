"""Core pages: home, sign-in/out, password change, history tab."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse_lazy

from . import selectors
from .errors import NotFound


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


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:home")

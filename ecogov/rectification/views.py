"""Staff pages of the ledger: the item list (filters, .xlsx export) and the
closing of an item. Thin: read through selectors, call one service."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.pages import action, table_response

from . import selectors, services
from .models import RectificationItem
from .tables import ITEM_COLUMNS


@login_required
def item_list(request):
    fs = selectors.item_filterset(request.user, request.GET)
    return table_response(request, fs.qs, ITEM_COLUMNS, title=_("Rectification items"), filename="rectification-items",
                          template="rectification/item_list.html", filterset=fs, page_size=50,
                          model=RectificationItem, extra={"can_close": selectors.may_close(request.user)})


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

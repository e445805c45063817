"""From a complaint, open an on-site inspection of a supervised object (or link
an existing one). The inspection's fields and rules are supervision's own
(``FreeInspectionForm`` and ``inspection_record``); this page only chooses the
object (by USCC or among those near the complaint, nearest first, in the user's
scope) and links the result to the complaint in the same transaction."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecogov.core.api_utils import get_for_user
from ecogov.core.errors import DomainError, NotFound
from ecogov.core.validators import uscc_problem

from . import selectors
from .links import complaint_link_inspection, complaint_open_inspection
from .perms import require_page
from .views import _load


def _inspection_model():
    from ecogov.supervision.models import Inspection

    return Inspection


def _chosen_object(request):
    """``(object, error)``: the object named by ``object`` (id) or ``uscc``; out of scope or unknown -> 404."""
    source = request.POST if request.method == "POST" else request.GET
    pk, uscc = source.get("object", ""), source.get("uscc", "").strip().upper()
    if pk:
        obj = selectors.object_for(request.user, pk=pk)
    elif uscc:
        problem = uscc_problem(uscc)
        if problem:
            reason = problem[1] if (get_language() or "zh").startswith("en") else problem[0]
            return None, _("Unified social credit code: %(reason)s") % {"reason": reason}
        obj = selectors.object_for(request.user, uscc=uscc)
    else:
        return None, ""
    if obj is None:
        raise Http404
    return obj, ""


@login_required
def complaint_inspection(request, pk: int):
    """Choose the object, then record its inspection; on success land on the inspection page."""
    from ecogov.supervision import selectors as sup
    from ecogov.supervision.forms import FreeInspectionForm

    c = _load(request, pk, "change")
    require_page(request.user, "inspect", _inspection_model())
    obj, chooser_error = _chosen_object(request)
    if request.method == "POST" and obj is None:
        raise Http404
    form = FreeInspectionForm(request.POST or None, request.FILES or None) if obj is not None else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            insp = complaint_open_inspection(complaint=c, supervised_object=obj, actor=request.user,
                                             **form.service_kwargs())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Inspection recorded and linked to complaint %(code)s.")
                             % {"code": c.tracking_code})
            return redirect("supervision:inspection_detail", pk=insp.pk)
    return render(request, "complaints/complaint_inspection.html", {
        "c": c, "obj": obj, "chooser_error": chooser_error, "form": form,
        "near": selectors.objects_near(request.user, c),
        "existing": selectors.inspections_to_link(request.user, c, obj) if obj is not None else [],
        "officers": sup.officer_choices(), "results": form.fields["result"].choices if form else [],
        "points": form.finding_rows(sup.checklist_points(None)) if form else [],
        "preset_officers": form.selected_officers() if form else set(), "today": timezone.localdate(),
    })


@login_required
@require_POST
def complaint_inspection_link(request, pk: int):
    """Link an existing inspection (in the user's scope) to the complaint."""
    c = _load(request, pk, "change")
    Inspection = _inspection_model()
    require_page(request.user, "inspect", Inspection)
    try:
        raw = request.POST.get("inspection", "")
        insp = get_for_user(Inspection, request.user, "view", pk=int(raw) if raw.isdigit() else 0)
    except NotFound as exc:
        raise Http404 from exc
    try:
        complaint_link_inspection(complaint=c, inspection=insp, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("complaints:complaint_inspection", args=[c.pk]) + f"?object={insp.supervised_object_id}")
    messages.success(request, _("Inspection linked to the complaint."))
    return redirect("complaints:complaint_detail", pk=c.pk)

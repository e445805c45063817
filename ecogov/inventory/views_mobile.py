"""Mobile-monitoring (走航) pages: the import, the run list, a run's roads (and their .xlsx)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from ecogov.core.errors import NotFound
from ecogov.core.pages import import_page, import_template_response, table_response

from . import mobile
from . import selectors_mobile as selectors
from .models import MobileRun
from .tables import RUN_ROAD_COLUMNS


@login_required
def run_list(request):
    return selectors.RUNS.response(request)


@login_required
def run_detail(request, pk: int):
    try:
        run = selectors.run_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404 from exc
    return table_response(
        request, selectors.run_roads(request.user, run), RUN_ROAD_COLUMNS, title=str(run),
        filename=f"mobile-run-{run.pk}", template="inventory/mobile_detail.html",
        link="inventory:source_detail", model=type(run), extra={"run": run, "bands": selectors.bands(),
                                                              "buffer_m": mobile.buffer_m()})


@login_required
def run_template(request):
    return import_template_response(mobile.COLUMNS, title="走航监测", filename="mobile-run-template")


@dataclass(frozen=True)
class _Imported:
    """What the kit's import page shows: 1 run created (0 when it was there), roads updated."""

    run: MobileRun
    new: bool

    @property
    def created(self) -> int:
        return int(self.new)

    @property
    def updated(self) -> int:
        return self.run.n_roads if self.new else 0


def _done(result: _Imported) -> str:
    run, created = result.run, result.new
    if not created:
        return _("This run was imported before (run of %(date)s); nothing was changed.") % {"date": run.date}
    return _("Imported: %(n)s readings, %(roads)s roads set, %(u)s readings matched to no road.") % {
        "n": run.n_readings, "roads": run.n_roads, "u": run.n_unmatched}


@login_required
def run_import(request):
    """The whole file or nothing; the refused rows (or the result) are shown on the same page."""
    return import_page(request, lambda data: _Imported(*mobile.run_import(data=data, actor=request.user)),
                       template="inventory/mobile_import.html", done=_done)

"""Benchmark of the one-click briefings on the demo city (``make bench``; not a test).

Times, in one fresh process as a user would meet it, the August monthly
briefing of the demo city (every section built from the database, the .docx
written from the GB/T 9704 template with its charts, the PDF/A made by
headless LibreOffice), then the public annual environmental bulletin of the
previous year. Targets on this machine: the monthly briefing, .docx and PDF,
in under 5 s together with peak memory under 500 MB; the annual bulletin under
15 s. Peak memory is the larger of this process's and the converter's max RSS.

Peer measured in the same run: the bare LibreOffice conversion of the same
.docx (the floor every docx -> PDF pipeline on LibreOffice pays), so the ratio
shows what the engine adds on top of it.

The demo city is loaded once into its own folder (``var/bench-briefing``,
not timed). Usage: ``python benchmarks/bench_briefing.py [--month 2026-08] [--year 2025]``
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ECOGOV_VAR_DIR", str(ROOT / "var" / "bench-briefing"))
os.environ.pop("DATABASE_URL", None)  # the embedded database of that folder
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecogov.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from ecogov.core.models import Jurisdiction, User  # noqa: E402

TARGET_MONTHLY_S, TARGET_ANNUAL_S, TARGET_MB = 5.0, 15.0, 500


def _demo() -> None:
    call_command("migrate", verbosity=0)
    if not User.objects.filter(is_superuser=True).exists():
        print("loading the demo city once (not timed) ...", flush=True)
        call_command("demo", "load", verbosity=0)


def _briefing(kind: str, period: str) -> tuple[float, dict]:
    from ecogov.reports import engine, output, periods, services

    user = User.objects.filter(is_superuser=True).order_by("pk").first()
    city = Jurisdiction.objects.filter(parent__isnull=True).order_by("path").first()
    started = time.perf_counter()
    btype = services.type_for(kind)
    content = engine.assemble(user, btype, city, periods.parse(period))
    files = output.standalone(btype, content, ("docx", "pdf"))
    return time.perf_counter() - started, {"content": content, **files}


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, child) / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--month", default="2026-08")
    parser.add_argument("--year", default="2025")
    args = parser.parse_args()
    _demo()
    monthly_s, monthly = _briefing("monthly", args.month)
    mem = _peak_mb()
    from ecogov.reports.pdf import docx_to_pdf

    started = time.perf_counter()
    docx_to_pdf(monthly["docx"])
    peer_s = time.perf_counter() - started
    annual_s, annual = _briefing("public", args.year)
    figures = sum(len(s["figures"]) for s in monthly["content"]["sections"])
    print(f"monthly briefing {args.month}: {monthly_s:.2f} s (.docx {len(monthly['docx']) / 1024:.0f} KB, "
          f"PDF {len(monthly['pdf']) / 1024:.0f} KB, {len(monthly['content']['sections'])} sections, {figures} figures), "
          f"peak memory {mem:.0f} MB")
    print(f"peer: the bare LibreOffice conversion of the same .docx: {peer_s:.2f} s "
          f"(engine total / conversion = {monthly_s / peer_s:.2f}x)")
    print(f"public annual bulletin {args.year}: {annual_s:.2f} s")
    ok = monthly_s < TARGET_MONTHLY_S and annual_s < TARGET_ANNUAL_S and mem < TARGET_MB
    print(f"targets: monthly < {TARGET_MONTHLY_S:g} s, annual < {TARGET_ANNUAL_S:g} s, memory < {TARGET_MB} MB: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

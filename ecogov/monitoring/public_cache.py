"""The data version of monitoring's public pages (``core.cache.public_cached``): a few
indexed aggregates that change with every ingest (a new batch), every new reading,
daily value, quality flag or water sample, and every warning step."""

from __future__ import annotations

from django.db.models import Count, Max

from ecogov.core.cache import public_bytes, public_page

from .models import IngestBatch, PollutionWarning, QualityFlag, Reading, StationDaily, WaterSample


def data_stamp() -> str:
    parts = [
        Reading.objects.aggregate(m=Max("id"))["m"],
        StationDaily.objects.aggregate(m=Max("id"))["m"],
        WaterSample.objects.aggregate(m=Max("id"))["m"],
        *QualityFlag.objects.aggregate(m=Max("id"), n=Count("id")).values(),
        *IngestBatch.objects.aggregate(m=Max("id"), f=Max("finished")).values(),
        *PollutionWarning.objects.aggregate(n=Count("id"), i=Max("issued_at"), lifted=Max("lifted_at")).values(),
        *PollutionWarning.objects.filter(status="issued").values_list("id", "level", "end"),
    ]
    return repr(parts)


def page(request, template: str, build):
    """``template`` rendered with ``build()``, cached per data version for anonymous visitors."""
    return public_page(request, f"monitoring:{template}", template, data_stamp, build)


def answer(request, name: str, build):
    """An API answer (``build()`` returns its JSON body), cached per data version."""
    return public_bytes(request, f"monitoring:api:{name}", data_stamp, build)

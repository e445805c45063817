"""Test helpers for the registry: valid USCCs, objects, permits, .xlsx files."""

from __future__ import annotations

import datetime as dt
import io
import itertools

from openpyxl import Workbook

from ecogov.core.validators import uscc_check_char
from ecogov.registry.models import Permit, SupervisedObject

_seq = itertools.count(1)


def new_uscc(district: str = "369902") -> str:
    first17 = f"91{district}{next(_seq):09d}"
    return first17 + uscc_check_char(first17)


def make_object(grid, **fields) -> SupervisedObject:
    """A supervised object in ``grid`` written straight to the database (no service, no audit)."""
    n = next(_seq)
    fields.setdefault("uscc", new_uscc(grid.code[:6]))
    fields.setdefault("name", f"测试企业{n}有限公司")
    fields.setdefault("supervision_class", "C")
    return SupervisedObject.objects.create(jurisdiction=grid, **fields)


def make_permit(obj, *, freqs=("annual", "quarterly"), valid_from=dt.date(2024, 1, 1), **fields) -> Permit:
    return Permit.objects.create(
        supervised_object=obj,
        permit_no=fields.pop("permit_no", f"{obj.uscc}001P"),
        management_class="key",
        issued_date=valid_from,
        valid_from=valid_from,
        valid_to=fields.pop("valid_to", dt.date(2028, 12, 31)),
        report_frequencies=list(freqs),
        **fields,
    )


def xlsx(header: list[str], rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

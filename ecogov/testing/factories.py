"""Test factories (plain functions; every argument has a sensible default)."""

from __future__ import annotations

import datetime as dt
import itertools

from ecogov.core.demo import _rect
from ecogov.core.models import Jurisdiction, User

_seq = itertools.count(1)
TEST_PASSWORD = "x-test-password-1"


def jurisdiction(code: str, name: str, level: str, parent=None, box=None) -> Jurisdiction:
    j = Jurisdiction(code=code, name=name, level=level, parent=parent)
    if box:
        j.boundary = _rect(*box)
        j.centroid_lon, j.centroid_lat = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    j.save()
    return j


def jurisdiction_tree() -> dict[str, Jurisdiction]:
    """City (115.0..116.0 E, 28.0..29.0 N) split into district A (west) and B (east)."""
    city = jurisdiction("369900", "测试市", "city", box=(115.0, 28.0, 116.0, 29.0))
    da = jurisdiction("369902", "甲区", "district", city, (115.0, 28.0, 115.5, 29.0))
    db = jurisdiction("369903", "乙区", "district", city, (115.5, 28.0, 116.0, 29.0))
    sa = jurisdiction("369902001", "甲区一街道", "street", da, (115.0, 28.0, 115.5, 29.0))
    sb = jurisdiction("369903001", "乙区一街道", "street", db, (115.5, 28.0, 116.0, 29.0))
    ga = jurisdiction("369902001001", "甲区一街道第1网格", "grid", sa, (115.0, 28.0, 115.5, 29.0))
    gb = jurisdiction("369903001001", "乙区一街道第1网格", "grid", sb, (115.5, 28.0, 116.0, 29.0))
    return {"city": city, "district_a": da, "district_b": db, "street_a": sa, "street_b": sb, "grid_a": ga, "grid_b": gb}


def user(role: str, jurisdiction: Jurisdiction | None, username: str | None = None, **fields) -> User:
    """A user with ``role`` scoped to ``jurisdiction``; officers get a valid certificate."""
    n = next(_seq)
    if role == "officer":
        fields.setdefault("cert_no", f"TEST{n:05d}")
        fields.setdefault("cert_valid_from", dt.date(2020, 1, 1))
        fields.setdefault("cert_valid_to", dt.date(2035, 12, 31))
    u = User(username=username or f"{role}{n}", role=role, jurisdiction=jurisdiction, full_name=f"{role} {n}", **fields)
    u.set_password(TEST_PASSWORD)
    u.save()
    return u

"""Test helpers: supervised objects with valid USCCs (GB 32100-2015 check character)."""

from __future__ import annotations

import itertools

from ecogov.core.validators import USCC_CHARSET, uscc_check_char
from ecogov.registry.models import SupervisedObject

_seq = itertools.count(1)


def make_uscc(n: int) -> str:
    body = "91369900"
    digits = []
    x = n
    for _ in range(9):
        digits.append(USCC_CHARSET[x % 10])
        x //= 10
    first17 = body + "".join(reversed(digits))
    return first17 + uscc_check_char(first17)


def obj(jurisdiction, cls: str = "C", **fields) -> SupervisedObject:
    n = next(_seq)
    fields.setdefault("name", f"测试企业{n}")
    return SupervisedObject.objects.create(uscc=make_uscc(n), jurisdiction=jurisdiction, supervision_class=cls, **fields)


def objs(jurisdiction, counts: dict[str, int], **fields) -> list[SupervisedObject]:
    out = []
    for cls, k in counts.items():
        for _ in range(k):
            n = next(_seq)
            out.append(SupervisedObject(uscc=make_uscc(n), name=f"测试企业{n}", jurisdiction=jurisdiction,
                                        supervision_class=cls, **fields))
    return SupervisedObject.objects.bulk_create(out)

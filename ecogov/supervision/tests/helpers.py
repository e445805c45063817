"""Test helpers: supervised objects with valid USCCs (GB 32100-2015 check character)."""

from __future__ import annotations

import itertools

from ecogov.core.templatetags.core_tags import display_number
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


def screen_table(page: str) -> tuple[list[str], list[list[str]]]:
    """Headers and cell texts of the ``id="results"`` table of a rendered list page."""
    import html
    import re

    table = page.split('id="results"')[1].split("</table>")[0]

    def clean(cell: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()

    heads = [clean(h) for h in re.findall(r"<th>(.*?)</th>", table, re.S)]
    body = table.split("<tbody>")[1]
    rows = [[clean(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
    return heads, rows


def sheet_rows(content: bytes) -> list[tuple]:
    """The rows (header first) of the first sheet of an .xlsx download."""
    import io

    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def assert_export_is_the_table(client, url: str, columns) -> int:
    """The .xlsx of ``url`` has exactly the on-screen headers (``columns``) and rows; returns the row count.

    Dates are shown in the page's locale format, so their cells are compared by position only; a last
    column without a header (the row's action form) is not part of the table's data."""
    heads, rows = screen_table(client.get(url).content.decode())
    if heads and heads[-1] == "" and len(heads) == len(columns) + 1:
        heads, rows = heads[:-1], [r[:-1] for r in rows]
    sep = "&" if "?" in url else "?"
    exported = sheet_rows(client.get(f"{url}{sep}export=xlsx").content)
    assert heads == list(exported[0]) == [c.header_zh for c in columns]
    assert len(rows) == len(exported) - 1
    for shown, sheet in zip(rows, exported[1:], strict=True):
        pairs = [(s, v) for s, v in zip(shown, sheet, strict=True) if not hasattr(v, "year")]
        assert all(s == str(display_number(v)) for s, v in pairs), (url, shown, sheet)
    return len(rows)

"""The shape of a briefing section (the ``briefing_sections`` contribution point).

An app's ``build(user, *, jurisdiction, start, end)`` returns one plain,
JSON-safe dict, built with :func:`section`::

    {
      "title": "排污许可",
      "paragraphs": ["督促{permits}家企业完成排污许可证申领、{registrations}家企业完成排污登记。"],
      "figures": {"permits": {"value": 724, "text": "724", "unit": "家", "label": "排污许可证",
                              "url": "/registry/permits/", "rule": "valid permits at the period's end",
                              "rows": 724}},
      "tables": [{"title": ..., "header": [...], "rows": [[...]], "url": ..., "rule": ...}],
      "charts": [{"title": ..., "kind": "bar", "labels": [...], "series": [{"name", "values"}], "unit": ...}],
      "as_of": "2021-08-31T23:00:00+08:00",   # the newest data the figures use
      "coverage": 1.0,                         # share of the expected data present, or None
      "empty": False,                          # True: the app holds no data for the period
      "note": "",
    }

A paragraph's ``{key}`` stands for the figure ``key``: the document prints the
figure's ``text``; the web preview links it to the figure's ``url`` (the list
or record page that produced it) and shows its rule, rows, period, as-of time
and coverage. Only figures go into paragraphs, never numbers typed into text,
so every number of a briefing can be traced. Pure: no Django, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

FIELD = re.compile(r"\{(\w+)\}")


def number_text(value: Any, digits: int | None = None) -> str:
    """A figure as printed: integers plain ("9262"), decimals to ``digits``; None is "—"."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        if digits is None:
            digits = 0 if float(value).is_integer() else 1
        return f"{float(value):.{digits}f}"
    return str(value)


def figure(value: Any, *, label: str, unit: str = "", url: str = "", rule: str = "", rows: int | None = None,
           digits: int | None = None, text: str | None = None) -> dict[str, Any]:
    """One traceable figure: the value, how it prints, and where it comes from."""
    if isinstance(value, Decimal):
        value = float(value)
    return {"value": value, "text": text if text is not None else number_text(value, digits), "unit": unit,
            "label": label, "url": url, "rule": rule, "rows": rows}


def pct(part: float | None, whole: float | None, digits: int = 1) -> float | None:
    """``part / whole`` in percent to ``digits``; None when there is no whole."""
    if part is None or not whole:
        return None
    return round(100.0 * float(part) / float(whole), digits)


def change_pct(now: float | None, before: float | None, digits: int = 1) -> float | None:
    """Relative change from ``before`` to ``now`` in percent; None without a base."""
    if now is None or not before:
        return None
    return round(100.0 * (float(now) - float(before)) / float(before), digits)


def table(title: str, header: list[str], rows: Iterable[Iterable[Any]], *, url: str = "",
          rule: str = "") -> dict[str, Any]:
    return {"title": title, "header": list(header), "url": url, "rule": rule,
            "rows": [[number_text(v) if not isinstance(v, str) else v for v in r] for r in rows]}


def chart(title: str, labels: list[str], series: list[dict[str, Any]], *, kind: str = "bar",
          unit: str = "", polygons: list | None = None) -> dict[str, Any]:
    """A chart the document renders to an image: ``series`` = [{"name", "values"}].

    ``kind``: "bar", "line", or "hexmap" (one polygon [[lon, lat], ...] per label, shaded by the
    first series, e.g. complaint hotspots)."""
    out: dict[str, Any] = {"title": title, "kind": kind, "labels": list(labels), "unit": unit,
                           "series": [{"name": s["name"], "values": [None if v is None else float(v) for v in s["values"]]}
                                      for s in series]}
    if polygons is not None:
        out["polygons"] = [[[float(x), float(y)] for x, y in poly] for poly in polygons]
    return out


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def section(title: str, *, paragraphs: Iterable[str] = (), figures: Mapping[str, dict] | None = None,
            tables: Iterable[dict] = (), charts: Iterable[dict] = (), as_of: Any = None,
            coverage: float | None = None, empty: bool = False, note: str = "") -> dict[str, Any]:
    """A section dict; refuses a paragraph that names a figure it does not carry."""
    figures = dict(figures or {})
    paragraphs = list(paragraphs)
    for p in paragraphs:
        missing = [k for k in placeholders(p) if k not in figures]
        if missing:
            raise KeyError(f"paragraph names unknown figures {missing}: {p!r}")
    return {"title": str(title), "paragraphs": paragraphs, "figures": figures, "tables": list(tables),
            "charts": list(charts), "as_of": _iso(as_of), "coverage": coverage, "empty": empty, "note": note}


def no_data(title: str, note: str = "") -> dict[str, Any]:
    """The section of an app that holds no data for the period."""
    return section(title, empty=True, note=note)


def placeholders(paragraph: str) -> list[str]:
    return FIELD.findall(paragraph)


def fill(paragraph: str, figures: Mapping[str, dict], render: Callable[[str, dict], str] | None = None) -> str:
    """``paragraph`` with each ``{key}`` replaced by ``render(key, figure)`` (default: the figure's text)."""
    render = render or (lambda key, fig: fig["text"])
    return FIELD.sub(lambda m: render(m.group(1), figures[m.group(1)]), paragraph)

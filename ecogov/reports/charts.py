"""Charts drawn to PNG on the server (matplotlib's Agg backend: no browser, no display)."""

from __future__ import annotations

import io
from functools import cache

PALETTE = ["#2f6db5", "#c0392b", "#27ae60", "#e67e22", "#8e44ad", "#16a085"]
CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "AR PL UKai CN", "DejaVu Sans"]


@cache
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    names = {f.name for f in font_manager.fontManager.ttflist}
    plt.rcParams["font.sans-serif"] = [n for n in CJK_FAMILIES if n in names] or ["DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _bars(ax, chart: dict) -> None:
    labels, series = chart["labels"], chart["series"]
    width = 0.8 / max(1, len(series))
    for i, s in enumerate(series):
        xs = [j + (i - (len(series) - 1) / 2) * width for j in range(len(labels))]
        values = [v if v is not None else 0 for v in s["values"]]
        bars = ax.bar(xs, values, width, label=s["name"], color=PALETTE[i % len(PALETTE)])
        ax.bar_label(bars, labels=[("" if v is None else f"{v:g}") for v in s["values"]], fontsize=7)
    ax.set_xticks(range(len(labels)), labels, rotation=30 if len(labels) > 6 else 0, fontsize=8)


def _lines(ax, chart: dict) -> None:
    for i, s in enumerate(chart["series"]):
        ax.plot(chart["labels"], s["values"], marker="o", label=s["name"], color=PALETTE[i % len(PALETTE)])


def _hexmap(ax, chart: dict) -> None:
    """Hotspot cells: each label is a cell, its polygon in ``chart["polygons"]``, shaded by count."""
    from matplotlib import cm
    from matplotlib.patches import Polygon

    counts = chart["series"][0]["values"] if chart["series"] else []
    top = max([c for c in counts if c] or [1])
    for polygon, count in zip(chart.get("polygons", []), counts, strict=False):
        ax.add_patch(Polygon(polygon, closed=True, facecolor=cm.OrRd(0.2 + 0.8 * (count or 0) / top),
                             edgecolor="#555", linewidth=0.5))
        cx = sum(p[0] for p in polygon) / len(polygon)
        cy = sum(p[1] for p in polygon) / len(polygon)
        ax.text(cx, cy, f"{count:g}", ha="center", va="center", fontsize=7)
    ax.autoscale_view()
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel("经度")
    ax.set_ylabel("纬度")


DRAW = {"bar": _bars, "line": _lines, "hexmap": _hexmap}


def render_png(chart: dict, *, width_cm: float = 15.0, height_cm: float = 7.5, dpi: int = 150) -> bytes:
    """``chart`` (see ``ecogov.core.briefing.chart``) as a PNG image."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi)
    try:
        DRAW.get(chart.get("kind", "bar"), _bars)(ax, chart)
        ax.set_title(chart["title"], fontsize=10)
        if chart.get("unit"):
            ax.set_ylabel(chart["unit"], fontsize=8)
        if len(chart["series"]) > 1:
            ax.legend(fontsize=7)
        ax.tick_params(labelsize=8)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)

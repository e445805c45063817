"""The monthly complaint report as a Word document (python-docx) for the bureau's briefing."""

from __future__ import annotations

import io

from ecogov.core.word import add_grid_table


def _pct(v) -> str:
    return "—" if v is None else f"{v:+.1f}%"


def _summary(rep: dict) -> str:
    h = rep["handling"]
    return (f"本月受理登记信访投诉 {rep['total']} 件；1—{rep['month']} 月累计 {rep['ytd_total']} 件，"
            f"同比 {_pct(rep['ytd_yoy'])}。本月办结 {h['closed']} 件，平均办理 {h['mean_days'] or '—'} 天，"
            f"按期办结率 {h['on_time_pct'] if h['on_time_pct'] is not None else '—'}%。")


def _sections(rep: dict) -> list[tuple[str, list[str], list[list]]]:
    """(heading, header, rows) of each table of the report."""
    h, a = rep["handling"], rep["acceptance"]
    return [
        ("一、按类别统计及同比", ["类别", "本月", "去年同月", "同比", "累计", "去年同期", "累计同比"],
         [[c["name"], c["month"], c["month_last_year"], _pct(c["month_yoy"]), c["ytd"], c["ytd_last_year"],
           _pct(c["ytd_yoy"])] for c in rep["by_category"]]),
        ("二、按区县统计", ["区县", "本月", "累计"], [[d["name"], d["month"], d["ytd"]] for d in rep["by_district"]]),
        ("三、按来源渠道统计", ["渠道", "本月"], [[c["name"], c["month"]] for c in rep["by_channel"]]),
        ("四、办理结果", ["结果", "件数"], [[o["name"], o["month"]] for o in rep["by_outcome"]]),
        ("五、办理时限", ["指标", "数值"], [["按期告知受理", f"{a['on_time']}/{a['decided']}"], ["本月办结", h["closed"]],
                                          ["平均办理天数", h["mean_days"]], ["中位数", h["median_days"]],
                                          ["最长", h["max_days"]], ["按期办结率（%）", h["on_time_pct"]]]),
        ("六、投诉热点", ["序号", "中心经度", "中心纬度", "件数"],
         [[i, f"{c['lon']:.4f}", f"{c['lat']:.4f}", c["count"]] for i, c in enumerate(rep["hotspots"], 1)]),
    ]


def _table(doc, header: list[str], rows: list[list]) -> None:
    add_grid_table(doc, header, rows, empty="")


def report_docx(rep: dict, title: str = "生态环境信访投诉月报") -> bytes:
    """The same report as a Word document for the bureau's briefing."""
    from docx import Document

    doc = Document()
    doc.add_heading(f"{title}（{rep['period']}）", level=1)
    doc.add_paragraph(_summary(rep))
    for heading, header, rows in _sections(rep):
        doc.add_heading(heading, level=2)
        _table(doc, header, rows)
    if rep["repeats"]:
        doc.add_paragraph("重复投诉点位：" + "；".join(f"{r['label'] or '未注明地址'}（{r['count']} 件）" for r in rep["repeats"]))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

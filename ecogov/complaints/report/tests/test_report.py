"""The monthly report on a small hand-made data set, the hexagon grid, and the .docx."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.urls import reverse

from ecogov.complaints.models import Complaint
from ecogov.complaints.report import hexgrid
from ecogov.complaints.report.selectors import monthly_report, yoy
from ecogov.complaints.routing import new_tracking_code

TZ = ZoneInfo("Asia/Shanghai")


def add(cats, tree, code, y, m, d, grid="grid_a", channel="web", status="received", lon=115.2, lat=28.5,
        accepted=None, closed=None, finish_due=None, outcome="", address=""):
    t = dt.datetime(y, m, d, 10, tzinfo=TZ)
    return Complaint.objects.create(
        tracking_code=new_tracking_code(t.date()), category=cats[code], description="x", jurisdiction=tree[grid],
        channel=channel, status=status, lon=lon, lat=lat, received_at=t, acceptance_due=t.date() + dt.timedelta(15),
        accepted_at=accepted and dt.datetime(*accepted, 10, tzinfo=TZ),
        closed_at=closed and dt.datetime(*closed, 16, tzinfo=TZ), finish_due=finish_due, outcome=outcome,
        address=address)


def test_yoy_one_decimal():
    assert yoy(31, 40) == -22.5  # (31 - 40) / 40 = -22.5 %
    assert yoy(63, 83) == -24.1  # (63 - 83) / 83 = -24.096... %
    assert yoy(5, 0) is None


def test_monthly_report_figures(cats, tree):
    # 2026, January-February: air 3 (2 in February), noise 1; 2025 same period: air 4, noise 2
    add(cats, tree, "air-dust", 2026, 1, 5)
    add(cats, tree, "air-dust", 2026, 2, 3, channel="hotline", address="工业园一路", status="closed",
        accepted=(2026, 2, 4), closed=(2026, 2, 14), finish_due=dt.date(2026, 4, 5), outcome="substantiated")
    add(cats, tree, "air-odour", 2026, 2, 10, grid="grid_b", lon=115.7, address="工业园一路", status="not_accepted",
        closed=(2026, 2, 12))
    add(cats, tree, "noise-construction", 2026, 2, 20, channel="letter", lon=115.2004, address="工业园一路")
    for month in (1, 2, 2, 2):
        add(cats, tree, "air-industrial", 2025, month, 8)
    add(cats, tree, "noise-traffic", 2025, 1, 8)
    add(cats, tree, "noise-traffic", 2025, 2, 8)
    add(cats, tree, "water", 2026, 3, 1)  # after the period: not counted
    # closed in February but received in January 2026 (handling 45 days, late: due 10 February)
    add(cats, tree, "water", 2026, 1, 2, status="closed", accepted=(2026, 1, 3), closed=(2026, 2, 17),
        finish_due=dt.date(2026, 2, 10), outcome="partly")
    rep = monthly_report(Complaint.objects.all(), 2026, 2, hex_m=1000)
    # year to date 2026: air 3 + noise 1 + water 1 (2 January) = 5; 2025: air 4 + noise 2 = 6; (5 - 6) / 6 = -16.7 %
    assert rep["total"] == 3 and rep["ytd_total"] == 5 and rep["ytd_last_year"] == 6 and rep["ytd_yoy"] == -16.7
    cat = {c["code"]: c for c in rep["by_category"]}
    assert (cat["air"]["month"], cat["air"]["month_last_year"], cat["air"]["month_yoy"]) == (2, 3, -33.3)
    assert (cat["air"]["ytd"], cat["air"]["ytd_last_year"], cat["air"]["ytd_yoy"]) == (3, 4, -25.0)
    assert (cat["noise"]["ytd"], cat["noise"]["ytd_last_year"], cat["noise"]["ytd_yoy"]) == (1, 2, -50.0)
    assert (cat["water"]["ytd"], cat["water"]["ytd_last_year"], cat["water"]["ytd_yoy"]) == (1, 0, None)
    assert {d["name"]: (d["month"], d["ytd"]) for d in rep["by_district"]} == {"甲区": (2, 4), "乙区": (1, 1)}
    assert {c["code"]: c["month"] for c in rep["by_channel"]} == {
        "web": 1, "hotline": 1, "letter": 1, "visit": 0, "transfer": 0, "open311": 0}
    assert {o["code"]: o["month"] for o in rep["by_outcome"]} == {"substantiated": 1, "not_accepted": 1, "open": 1}
    # closed in February: 10 days (4 -> 14 Feb, on time) and 45 days (3 Jan -> 17 Feb, late)
    assert rep["handling"] == {"closed": 2, "mean_days": 27.5, "median_days": 27.5, "max_days": 45, "on_time": 1,
                               "on_time_pct": 50.0}
    assert rep["acceptance"] == {"decided": 2, "on_time": 2, "on_time_pct": 100.0}
    # two February points 39 m apart (0.0004 deg of longitude at 28.5 N) share a hexagon; the third is 48 km east
    assert [c["count"] for c in rep["hotspots"]] == [2]
    assert rep["repeats"] == []  # three at 工业园一路 but in two places, none repeated three times


def test_hexgrid_cells_by_hand():
    # size 1000 m: the origin cell spans x in [-866, 866] m; x = 900 m lies in the next cell (q = 1)
    assert hexgrid.hex_of(0, 0, 1000) == (0, 0)
    assert hexgrid.hex_of(800, 0, 1000) == (0, 0)
    assert hexgrid.hex_of(900, 0, 1000) == (1, 0)
    assert hexgrid.hex_centre(1, 0, 1000) == (1000 * 3 ** 0.5, 0)
    # (400, 1400): q = (0.57735 * 400 - 1400 / 3) / 1000 = -0.236 -> 0, r = 2/3 * 1.4 = 0.933 -> 1
    assert hexgrid.hex_of(400, 1400, 1000) == (0, 1)
    cells = hexgrid.hexbin([(115.2, 28.5), (115.2001, 28.5001), (115.3, 28.5)], size_m=1000)
    assert [c["count"] for c in cells] == [2, 1] and len(cells[0]["polygon"]) == 7
    rep = hexgrid.repeat_locations([(115.2, 28.5, "A"), (115.2001, 28.5001, "A"), (115.2002, 28.5, "B")])
    # all three snap to the same 0.0005-degree cell (115.2 / 0.0005 = 230400, 28.5 / 0.0005 = 57000)
    assert [(r["count"], r["label"]) for r in rep] == [(3, "A")]


def test_report_page_and_docx(cats, tree, officer, client_for):
    from docx import Document

    add(cats, tree, "air-dust", 2026, 2, 3)
    client = client_for(officer)
    html = client.get(reverse("complaints:report_monthly"), {"year": 2026, "month": 2}).content.decode()
    assert 'id="hotspot-map"' in html and "2026年2月" in html
    resp = client.get(reverse("complaints:report_monthly"), {"year": 2026, "month": 2, "format": "docx"})
    doc = Document(io.BytesIO(resp.content))
    assert "2026年2月" in doc.paragraphs[0].text
    air = [r for r in doc.tables[0].rows if r.cells[0].text == "大气污染"][0]
    assert [c.text for c in air.cells] == ["大气污染", "1", "0", "—", "1", "0", "—"]

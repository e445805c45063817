"""Uploads (one record, a whole .xlsx or CSV: every row or none), the indicators on stored
records, a hit referred for a penalty case, and district isolation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from ecogov.core.errors import Conflict, PermissionRefused
from ecogov.core.excel import ImportFailed
from ecogov.enforcement import selectors as enforcement_selectors
from ecogov.supervision.tests.helpers import obj
from ecogov.testing import factories
from ecogov.thirdparty import selectors, services
from ecogov.thirdparty.models import FraudHit, TestRecord

HEADER = "机构编号,检测线,检测报告编号,号牌,检测方法,开始时间,结束时间,结果,逐秒数据"
CURVE = ";".join(f"{0.2 + k / 100:.2f}" for k in range(180))


def csv_bytes(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([HEADER, *rows]) + "\n").encode()


def row(no, plate, start="2026-05-11 10:00:00", end="2026-05-11 10:03:00", result="合格", station="JDC-A1",
        curve=CURVE):
    return f"{station},1,{no},{plate},稳态工况法,{start},{end},{result},{curve}"


def test_csv_import_stores_every_row_and_runs_the_indicators(station_a, station_b, officer):
    data = csv_bytes(row("R1", "示A10001"), row("R2", "示A10002", "2026-05-11 11:00:00", "2026-05-11 11:03:00"),
                     row("R3", "示A10003", "2026-05-11 19:00:00", "2026-05-11 19:03:00", curve=""))
    result = services.records_import(actor=officer, data=data, filename="day.csv")
    assert result.created == 3
    hits = {(h.kind, h.record.record_no, h.other.record_no if h.other else None) for h in FraudHit.objects.all()}
    # R2 repeats R1's curve on another plate; R3 ran 19:00-19:03, the station closes at 17:30
    assert hits == {("identical_curve", "R2", "R1"), ("off_hours", "R3", None)}
    # idempotent: running the indicators again adds nothing
    assert services.detect_for(TestRecord.objects.select_related("station")) == 0


def test_a_bad_row_refuses_the_whole_file_and_lists_every_bad_row(station_a, station_b, officer):
    data = csv_bytes(row("R1", "示A10001"),
                     row("R2", "示A10002", end="2026-05-11 09:00:00"),       # ends before it starts
                     row("R3", "示A10003", station="NOPE"),                   # unknown station
                     row("R4", "", curve=""),                                 # no plate
                     row("R5", "示A10005", result="maybe"))                   # unknown result
    with pytest.raises(ImportFailed) as exc:
        services.records_import(actor=officer, data=data, filename="day.csv")
    assert sorted({e.row for e in exc.value.errors}) == [3, 4, 5, 6]
    fields = {e.row: e.field for e in exc.value.errors}
    assert fields == {3: "ended_at", 4: "station", 5: "plate", 6: "result"}
    assert TestRecord.objects.count() == 0 and FraudHit.objects.count() == 0


def test_xlsx_import_and_a_re_upload_is_refused(station_a, officer):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(["JDC-A1", "1", "X1", "示a20001", "asm", dt.datetime(2026, 5, 11, 9, 0), dt.datetime(2026, 5, 11, 9, 1),
               "pass", ""])
    buf = io.BytesIO()
    wb.save(buf)
    assert services.records_import(actor=officer, data=buf.getvalue(), filename="a.xlsx").created == 1
    record = TestRecord.objects.get()
    assert record.plate == "示A20001" and record.seconds == 60
    assert [h.kind for h in FraudHit.objects.all()] == ["duration"]  # 60 s ASM < 90 s
    with pytest.raises(ImportFailed):
        services.records_import(actor=officer, data=buf.getvalue(), filename="a.xlsx")


def _hit(station_a, officer) -> FraudHit:
    services.records_import(actor=officer, data=csv_bytes(
        row("R9", "示A10009", "2026-05-11 06:00:00", "2026-05-11 06:03:00", curve="")), filename="x.csv")
    return FraudHit.objects.get()


def test_a_hit_opens_a_penalty_case_on_the_registered_station(station_a, officer, tree):
    station_a.supervised_object = obj(tree["street_a"], "C", name="甲区检测站有限公司")
    station_a.save()
    hit = services.hit_refer(hit=_hit(station_a, officer), actor=officer)
    cases = list(enforcement_selectors.cases_for(officer))
    assert len(cases) == 1 and cases[0].case_no == hit.case_no and cases[0].source == "offsite"
    assert "R9" in cases[0].facts and cases[0].supervised_object == station_a.supervised_object
    assert hit.status == "referred"
    with pytest.raises(Conflict):
        services.hit_refer(hit=hit, actor=officer)
    hit = services.hit_punished(hit=hit, decision="示环罚〔2026〕1号", actor=officer)
    assert selectors.punished_station_count(officer) == 1


def test_an_unregistered_station_is_referred_with_a_note_and_no_case(station_a, officer):
    hit = services.hit_refer(hit=_hit(station_a, officer), actor=officer)
    assert hit.status == "referred" and hit.case_no == "" and "未关联监管对象" in hit.note
    assert not enforcement_selectors.cases_for(officer).exists()


def test_dismiss_needs_a_reason(station_a, officer):
    hit = _hit(station_a, officer)
    with pytest.raises(Exception, match="理由|reason"):
        services.hit_dismiss(hit=hit, reason=" ", actor=officer)
    assert services.hit_dismiss(hit=hit, reason="时钟误差，已核实", actor=officer).status == "dismissed"


def test_district_isolation(station_a, station_b, officer, tree):
    services.records_import(actor=officer, data=csv_bytes(
        row("A1", "示A1", "2026-05-11 06:00:00", "2026-05-11 06:03:00", curve=""),
        row("B1", "示B1", "2026-05-11 06:00:00", "2026-05-11 06:03:00", station="JDC-B1", curve="")),
        filename="x.csv")
    district_a = factories.user("district", tree["district_a"])
    assert [s.code for s in selectors.stations_for(district_a)] == ["JDC-A1"]
    assert [h.record.record_no for h in selectors.hits_for(district_a)] == ["A1"]
    assert [r.record_no for r in selectors.records_for(district_a)] == ["A1"]
    b_hit = FraudHit.objects.get(record__record_no="B1")
    with pytest.raises(PermissionRefused):
        services.hit_dismiss(hit=b_hit, reason="x", actor=district_a)
    # district A cannot upload for district B's station
    with pytest.raises(ImportFailed) as exc:
        services.records_import(actor=district_a, data=csv_bytes(row("B2", "示B2", station="JDC-B1")),
                                filename="x.csv")
    assert exc.value.errors[0].field == "station"

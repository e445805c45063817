"""The demo city's August monthly briefing reproduces the seed bulletin's figures [004]
(issue 15, "Figures the demo must reproduce"), read back from the .docx (python-docx)
and the PDF (pdftotext) that ``ecogov reports briefing`` writes.

The numbers below are the seed's (南昌市"五型"政府建设领导小组办公室简报 第30期, 1-8月),
typed in, not read from the demo loaders."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command
from docx import Document

from ecogov.core.demo import DemoContext, load_city
from ecogov.reports.document import docx_text

pytestmark = pytest.mark.django_db

#: the loaders whose apps give the seed's figures (the air and water data take half a minute more)
APPS = {"registry", "supervision", "rectification", "enforcement", "complaints", "outreach"}
CITY, DISTRICT = "369900", "369903"  # the demo city and its second district, which holds the 48 petitions
PETITIONS = "第二轮中央生态环境保护督察交办信访件"

#: (what, the sentence of the briefing that prints it)
SEED = [
    ("526 commitment letters", "与526家企业签订了生态环境保护承诺书"),
    ("724 permits, 9,262 registrations, 100 % execution reports",
     "724家企业完成排污许可证申领、9262家企业完成排污登记，企业年度排污许可证执行报告提交率100%"),
    ("2,739 complaints in January-August", "1-8月，受理环境信访投诉2739件"),
    ("11 reward-eligible kinds", "规定11种给予举报人奖励的生态环境违法行为"),
    ("23 open days with 936 visitors", "1-8月，累计向公众开放23次、接待人数936人次"),
    ("2,640 supervised objects, 169 A / 579 B / 1,892 C",
     "对2640家监管对象按照污染程度、行业类别、环境风险程度等进行分类，其中A类企业169家、B类企业579家、C类企业1892家"),
    ("445 on the positive list", "将445家企业纳入正面清单管理"),
    ("2,029 off-site checks", "1-8月，开展非现场检查2029家次"),
    ("124 cases filed, 123 decided", "1-8月，行政处罚立案124件，处罚123件"),
    ("2 yellow cards", "实行环保“黄牌”警示企业2家"),
]


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return _squeeze(done.stdout.decode())


def _rows(docx: bytes, first_cell: str) -> list[list[str]]:
    return [[_squeeze(c.text) for c in row.cells] for table in Document(io.BytesIO(docx)).tables
            for row in table.rows if _squeeze(row.cells[0].text) == first_cell]


def _briefing(tmp_path, code: str, formats: str) -> dict[str, bytes]:
    out = tmp_path / code
    call_command("reports", "briefing", "--type", "monthly", "--period", "2026-08", "--jurisdiction", code,
                 "--format", formats, "--out", str(out), stdout=io.StringIO())
    return {p.suffix[1:]: p.read_bytes() for p in out.iterdir()}


def test_demo_august_briefing_has_the_seed_figures(tmp_path):
    load_city(DemoContext(seed=settings.DEMO_SEED, today=dt.date(2026, 11, 20)), only=APPS)
    files = _briefing(tmp_path, CITY, "docx,pdf")
    docx, pdf = _squeeze(docx_text(files["docx"])), _pdf_text(files["pdf"])
    for what, sentence in SEED:
        assert sentence in docx, what
        assert sentence in pdf, what
    # the district's 48 central-inspection petition items, 45 closed: 45 / 48 = 93.75 -> 93.8 %
    assert _rows(files["docx"], PETITIONS) == [[PETITIONS, "48", "45", "93.8"]]
    # in the PDF the title wraps inside its cell, the numbers follow its first line
    assert re.search(r"第二轮中央生态环\D{0,20}48\D{0,20}45\D{0,20}93\.8", pdf)
    own = _briefing(tmp_path, DISTRICT, "docx")["docx"]
    assert _rows(own, PETITIONS) == [[PETITIONS, "48", "45", "93.8"]]
    # the other districts have none of them
    assert _rows(_briefing(tmp_path, "369902", "docx")["docx"], PETITIONS) == []

"""The engine end to end on hand-made data: sections -> .docx (read back with python-docx)
-> PDF (text by pdftotext), issue numbers, the immutable archive, jurisdiction isolation."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess

import pytest

from ecogov.core.errors import DomainError
from ecogov.reports import services
from ecogov.reports.document import docx_text
from ecogov.reports.models import Briefing

pytestmark = pytest.mark.django_db


def _generate(user, jurisdiction, capture, kind="monthly", period="2021-08"):
    with capture(execute=True):
        b = services.briefing_generate(user=user, kind=kind, period=period, jurisdiction=jurisdiction)
    return Briefing.objects.get(pk=b.pk)


def _pdf_text(b) -> str:
    with b.pdf.open("rb") as fh:
        done = subprocess.run(["pdftotext", "-", "-"], input=fh.read(), capture_output=True, check=True)
    return done.stdout.decode().replace(" ", "").replace("\n", "")


def test_registry_figures_of_district_a_in_docx_and_pdf(registry_data, tree, admin_user,
                                                        django_capture_on_commit_callbacks):
    b = _generate(admin_user, tree["district_a"], django_capture_on_commit_callbacks)
    sec = next(s for s in b.content["sections"] if s["key"] == "registry")
    figs = {k: f["value"] for k, f in sec["figures"].items()}
    # by hand, district A at 2021-08-31: commitments a1 (twice, once counted) + a2 = 2 (a3 signed in September);
    # permits p1, p2 (p3 revoked) = 2; registrations 2020-01-01, 2021-02-01, 2021-08-01 = 3;
    # 2020 annual reports: 1 submitted of 2 due = 50 %
    assert (figs["commitments"], figs["permits"], figs["registrations"], figs["report_rate"]) == (2, 2, 3, 50.0)
    with b.docx.open("rb") as fh:
        text = docx_text(fh.read())
    assert "与2家企业签订了生态环境保护承诺书" in text
    assert "2家企业完成排污许可证申领、3家企业完成排污登记" in text
    assert "执行报告提交率50%" in text
    assert "（草稿）" in text
    pdf = _pdf_text(b)
    assert "与2家企业签订了生态环境保护承诺书" in pdf
    assert "提交率50%" in pdf


def test_city_briefing_counts_both_districts_and_b_sees_none_of_a(registry_data, tree, admin_user, make_user,
                                                                  django_capture_on_commit_callbacks):
    city = _generate(admin_user, tree["city"], django_capture_on_commit_callbacks)
    figs = {k: f["value"] for s in city.content["sections"] if s["key"] == "registry" for k, f in s["figures"].items()}
    # city: A's 2 + B's 1 commitment; permits: b1's is issued after August -> still 2; registrations 3 + 1
    assert (figs["commitments"], figs["permits"], figs["registrations"]) == (3, 2, 4)
    user_b = make_user("district", tree["district_b"], username="db")
    own = _generate(user_b, tree["district_b"], django_capture_on_commit_callbacks)
    figs_b = {k: f["value"] for s in own.content["sections"] if s["key"] == "registry" for k, f in s["figures"].items()}
    assert (figs_b["commitments"], figs_b["permits"], figs_b["registrations"]) == (1, 0, 1)
    with pytest.raises(DomainError):  # a district user cannot ask for the other district
        services.briefing_generate(user=user_b, kind="monthly", period="2021-08", jurisdiction=tree["district_a"])


def test_issue_twice_numbers_n_and_n_plus_1_and_the_archive_is_immutable(registry_data, tree, admin_user,
                                                                          django_capture_on_commit_callbacks):
    first = _generate(admin_user, tree["city"], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.briefing_issue(user=admin_user, briefing=first, issued_date=dt.date(2021, 9, 3))
    first.refresh_from_db()
    assert (first.status, first.year, first.number, first.version) == ("issued", 2021, 1, 1)
    with first.docx.open("rb") as fh:
        data = fh.read()
    assert hashlib.sha256(data).hexdigest() == first.docx_sha256
    assert "第1期" in docx_text(data) and "2021年9月3日" in docx_text(data)
    with first.pdf.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == first.pdf_sha256
    assert "第1期" in _pdf_text(first)

    again = _generate(admin_user, tree["city"], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.briefing_issue(user=admin_user, briefing=again, issued_date=dt.date(2021, 9, 6))
    again.refresh_from_db()
    first.refresh_from_db()
    assert (again.number, again.version, again.supersedes_id) == (2, 2, first.pk)
    assert first.status == "superseded"
    assert first.docx_sha256 == hashlib.sha256(data).hexdigest()  # the old version's files are untouched

    first.title = "改过的标题"
    with pytest.raises(DomainError):
        first.save()
    with pytest.raises(DomainError):
        Briefing.objects.filter(pk=first.pk).update(title="x")
    with pytest.raises(DomainError):
        first.delete()
    with pytest.raises(DomainError):
        services.briefing_issue(user=admin_user, briefing=again)


def test_a_section_without_data_says_so(tree, admin_user, django_capture_on_commit_callbacks):
    b = _generate(admin_user, tree["city"], django_capture_on_commit_callbacks)
    sec = next(s for s in b.content["sections"] if s["key"] == "registry")
    assert sec["empty"] is True and sec["figures"] == {}
    with b.docx.open("rb") as fh:
        assert "本期暂无数据" in docx_text(fh.read())


def test_period_must_fit_the_type(tree, admin_user):
    with pytest.raises(DomainError):
        services.briefing_generate(user=admin_user, kind="annual", period="2021-08", jurisdiction=tree["city"])
    with pytest.raises(DomainError):
        services.briefing_generate(user=admin_user, kind="monthly", period="2021-13", jurisdiction=tree["city"])


def test_which_sections_each_kind_takes():
    from ecogov.core import contrib
    from ecogov.reports.engine import sections_for_kind

    public = [s.key for s in sections_for_kind("public")]
    assert public and all(contrib.briefing_sections.get(k).public for k in public)
    assert "enforcement" not in public and "air" in public
    # the rectification bulletin: no section names its kind, so it takes the section keyed "rectification"
    assert [s.key for s in sections_for_kind("rectification")] == ["rectification"]
    monthly = [s.key for s in sections_for_kind("monthly")]
    assert {"air", "registry", "enforcement", "complaints"} <= set(monthly)


def test_the_leaders_brief_keeps_one_headline_per_section(registry_data, tree, admin_user,
                                                          django_capture_on_commit_callbacks):
    b = _generate(admin_user, tree["district_a"], django_capture_on_commit_callbacks, kind="leader")
    with b.docx.open("rb") as fh:
        text = docx_text(fh.read())
    assert "企业环境治理责任。与2家企业签订了生态环境保护承诺书" in text
    assert "本期暂无数据" not in text and "表1" not in text  # no empty sections, no tables in the brief


def test_a_series_begun_on_paper_continues_from_its_number(registry_data, tree, admin_user,
                                                         django_capture_on_commit_callbacks):
    first = _generate(admin_user, tree["city"], django_capture_on_commit_callbacks)
    services.briefing_issue(user=admin_user, briefing=first, issued_date=dt.date(2021, 9, 3), number=30)
    second = _generate(admin_user, tree["city"], django_capture_on_commit_callbacks)
    with pytest.raises(DomainError):  # a number at or below one already issued is refused
        services.briefing_issue(user=admin_user, briefing=second, issued_date=dt.date(2021, 9, 6), number=30)
    services.briefing_issue(user=admin_user, briefing=second, issued_date=dt.date(2021, 9, 6))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == (30, 31)
    with second.docx.open("rb") as fh:
        assert "第31期" in docx_text(fh.read())

"""The page kit (list page, export, action helpers, workflow step forms), the one
due page and the working-day calendar page."""

from __future__ import annotations

import datetime as dt
import io

import django_filters as df
import pytest
from django import forms
from django.test import RequestFactory
from openpyxl import load_workbook

from ecogov.core import contrib
from ecogov.core.choices import JurisdictionLevel
from ecogov.core.errors import ValidationFailed
from ecogov.core.excel import Column
from ecogov.core.models import AuditLog, Holiday, Jurisdiction
from ecogov.core.pages import ListPage, add_form_errors, error_text
from ecogov.core.workflow import Rule, Workflow

D = dt.date


class JurisdictionFilter(df.FilterSet):
    level = df.ChoiceFilter(choices=JurisdictionLevel.choices())

    class Meta:
        model = Jurisdiction
        fields = ["level"]


PAGE = ListPage(
    filterset=JurisdictionFilter,
    columns=[Column("code", "代码", "Code"), Column("name", "名称", "Name")],
    queryset=lambda user: Jurisdiction.objects.for_user(user).order_by("code"),
    title="Jurisdictions", filename="jurisdictions",
)


def _request(user, **params):
    request = RequestFactory().get("/x/", params)
    request.user = user
    return request


@pytest.mark.django_db
def test_list_page_filters_the_restricted_queryset_and_exports_the_same_columns(tree, district_a_user):
    fs = PAGE.filter(district_a_user, {"level": "street"})
    assert [j.code for j in fs.qs] == ["369902001"]  # district B's street is out of scope
    resp = PAGE.response(_request(district_a_user, level="street"))
    assert resp.status_code == 200 and "甲区一街道" in resp.content.decode() and "乙区一街道" not in resp.content.decode()
    export = PAGE.response(_request(district_a_user, level="street", export="xlsx"))
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [["代码", "名称"], ["369902001", "甲区一街道"]]


@pytest.mark.django_db
def test_export_needs_the_export_permission(tree, make_user):
    from django.core.exceptions import PermissionDenied

    street = make_user("street", tree["street_a"])  # streets view and change, they do not export
    with pytest.raises(PermissionDenied):
        PAGE.response(_request(street, export="xlsx"))


def test_refusals_show_in_the_page_language_and_next_to_their_field():
    exc = ValidationFailed("bad", "整体错误", "whole error",
                           detail={"errors": {"name": {"zh": "名称太长", "en": "name too long"}}})
    assert error_text(exc) == "名称太长"
    assert error_text(ValueError("x")) != "x"

    class F(forms.Form):
        name = forms.CharField()

    form = F({"name": "a"})
    form.is_valid()
    add_form_errors(form, exc)
    assert form.errors["name"] == ["名称太长"]
    other = F({"name": "a"})
    other.is_valid()
    add_form_errors(other, ValidationFailed("bad", "整体错误", "whole error"))
    assert other.non_field_errors() == ["整体错误"]


class _Thing:
    status = "open"


def test_workflow_steps_carry_their_form_and_respect_roles(tree, district_a_user, officer):
    from ecogov.core.choices import AuditEvent

    wf = Workflow(name="t", states=AuditEvent, transitions={
        ("open", "create"): Rule(roles={"officer"}, requires=("note",), label_zh="登记", label_en="Register",
                                 fields={"note": forms.CharField(), "when": forms.DateField()}),
        ("open", "delete"): Rule(roles={"district"}),
    })
    thing = _Thing()
    thing.status = "open"
    (step,) = wf.steps(thing, officer)
    assert step.to == "create" and step.label == "登记"
    form = step.form({"create-note": ""})
    assert not form.is_valid() and "note" in form.errors and "when" not in form.errors
    assert [s.to for s in wf.steps(thing, district_a_user)] == ["delete"]


@pytest.fixture
def due_source(tree):
    """A clock source for the test: one deadline per street in the user's scope."""

    def provider(user, *, today, horizon_days):
        for j in Jurisdiction.objects.for_user(user).filter(level="street").order_by("code"):
            yield contrib.Deadline("test-streets", f"检查 {j.name}", today + dt.timedelta(days=-1 if j.code.endswith("1") else 3),
                                   url=f"/j/{j.pk}/", owner="网格员")

    contrib.clock_sources.add(contrib.ClockSource("test-streets", "测试期限", provider))
    yield
    contrib.clock_sources.remove("test-streets")


@pytest.mark.django_db
def test_due_page_lists_every_source_in_scope(due_source, client_for, district_a_user, officer):
    page = client_for(district_a_user).get("/due/")
    html = page.content.decode()
    assert page.status_code == 200 and "检查 甲区一街道" in html and "乙区一街道" not in html
    city = client_for(officer).get("/due/?kind=test-streets&days=5").content.decode()
    assert "检查 甲区一街道" in city and "检查 乙区一街道" in city
    export = client_for(officer).get("/due/?kind=test-streets&export=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("类别", "事项") and len(rows) == 3
    assert client_for(officer).get("/due/?days=abc").status_code == 200  # a junk filter is a form error


@pytest.mark.django_db
def test_calendar_page_shows_the_notice_and_admins_change_a_day(tree, client_for, admin_user, officer):
    html = client_for(officer).get("/calendar/?year=2026").content.decode()
    assert "国庆节" in html and "2026-10-10" in html and 'id="calendar-form"' not in html
    admin = client_for(admin_user)
    assert 'id="calendar-form"' in admin.get("/calendar/?year=2026").content.decode()
    resp = admin.post("/calendar/set/", {"date": "2026-10-09", "workday": "0", "name": "本地调整"})
    assert resp.status_code == 302
    row = Holiday.objects.get(date=D(2026, 10, 9))
    assert not row.workday and AuditLog.objects.filter(object_id=str(row.pk), event="create").exists()
    assert client_for(officer).post("/calendar/set/", {"date": "2026-10-08", "workday": "0", "name": "x"}).status_code == 403
    admin.post("/calendar/remove/", {"date": "2026-10-09"})
    assert not Holiday.objects.filter(date=D(2026, 10, 9)).exists()
    bad = admin.post("/calendar/set/", {"date": "not a date", "workday": "0", "name": "x"})
    assert bad.status_code == 200 and "error" in bad.content.decode()

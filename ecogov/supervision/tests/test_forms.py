"""FreeInspectionForm: the inspection page's fields as ``inspection_record`` arguments;
the service's refusals land on the right field."""

import datetime as dt

from django.http import QueryDict
from django.urls import reverse

from ecogov.core.errors import DomainError
from ecogov.supervision import services
from ecogov.supervision.forms import FreeInspectionForm
from ecogov.supervision.tests.helpers import obj


def _data(officers, **extra) -> QueryDict:
    q = QueryDict(mutable=True)
    q.update({"date": "2026-05-06", "result": "rectify", "rectify_deadline": "2026-06-06", "summary": "复查"})
    q.setlist("officers", [str(o.pk) for o in officers])
    q.setlist("point", ["自行监测", "  ", "危险废物管理"])
    q.setlist("note", ["", "", "台账缺失"])
    q.update({"ok_2": "no"})
    q.update(extra)
    return q


def test_form_gives_the_service_arguments(tree, officers):
    form = FreeInspectionForm(_data(officers[:2]))
    assert form.is_valid(), form.errors
    kw = form.service_kwargs()
    assert kw["date"] == dt.date(2026, 5, 6) and kw["rectify_deadline"] == dt.date(2026, 6, 6)
    assert kw["officers"] == officers[:2] and kw["result"] == "rectify" and kw["attachments"] == []
    # the blank row is dropped; row 2 keeps its own "ok_2" and note
    assert kw["findings"] == [{"point": "自行监测", "compliant": True, "note": ""},
                              {"point": "危险废物管理", "compliant": False, "note": "台账缺失"}]
    insp = services.inspection_record(supervised_object=obj(tree["grid_a"]), actor=officers[0], **kw)
    assert insp.rectifications.get().problem == "危险废物管理：台账缺失"


def test_service_refusal_lands_on_its_field_in_chinese(tree, officers):
    form = FreeInspectionForm(_data(officers[:1]))
    assert form.is_valid()
    try:
        services.inspection_record(supervised_object=obj(tree["grid_a"]), actor=officers[0], **form.service_kwargs())
    except DomainError as exc:
        form.add_domain_error(exc)
    assert form.errors["officers"] == ["现场检查至少需要两名执法人员"]


def test_missing_fields_are_refused_by_the_form(officers):
    form = FreeInspectionForm(_data(officers[:2], date="", result="bogus"))
    assert not form.is_valid()
    assert form.errors["date"] == ["这个字段是必填项。"] and "result" in form.errors


def test_the_supervision_page_still_renders_the_shared_fields(officers, client_for):
    html = client_for(officers[0]).get(reverse("supervision:inspection_new")).content.decode()
    assert 'name="officers"' in html and 'name="point" value="排污许可执行情况"' in html and 'name="uscc"' in html

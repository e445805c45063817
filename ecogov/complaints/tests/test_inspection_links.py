"""From a complaint, open an on-site inspection (supervision's form and service)
or link an existing one; both sides show the link.

Geometry (test tree: district A is 115.0-115.5 E, district B 115.5-116.0 E):
the complaint is at (115.49, 28.50) in district A.
- "near" at (115.495, 28.50): 0.005 deg of longitude at 28.5 N
  = 0.005 * 111195.08 m * cos(28.5 deg) = 555.975 * 0.878817 = 488.6 m -> "489 m"
- "north" at (115.49, 28.51): 0.01 deg of latitude = 1111.95 m -> "1112 m"
- "east" at (115.51, 28.50) lies in district B: 0.02 deg of longitude = 4 * 488.6 = 1954 m, seen only by city-wide staff
- "far" at (115.49, 28.60): 0.1 deg of latitude = 11 120 m, beyond the 5 km radius
"""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ecogov.complaints import selectors, services
from ecogov.complaints.services import complaint_link_inspection, complaint_open_inspection
from ecogov.core.errors import Conflict, PermissionRefused, ValidationFailed
from ecogov.core.validators import uscc_check_char
from ecogov.registry.models import SupervisedObject
from ecogov.supervision import services as sup_services
from ecogov.supervision.models import Inspection

DAY = dt.date(2026, 5, 6)


def _obj(jurisdiction, n: int, name: str, lon: float, lat: float) -> SupervisedObject:
    first17 = f"9136990200000{n:04d}"
    return SupervisedObject.objects.create(jurisdiction=jurisdiction, name=name, lon=lon, lat=lat,
                                           uscc=first17 + uscc_check_char(first17))


@pytest.fixture
def world(tree, cats, make_user, admin_user):
    officer_a = make_user("officer", tree["district_a"], username="officer_a")
    officer_b = make_user("officer", tree["district_b"], username="officer_b")
    partner = make_user("officer", tree["city"], username="partner")
    objs = {
        "near": _obj(tree["grid_a"], 1, "近邻化工厂", 115.495, 28.50),
        "north": _obj(tree["grid_a"], 2, "北侧涂装厂", 115.49, 28.51),
        "east": _obj(tree["grid_b"], 3, "乙区铸造厂", 115.51, 28.50),
        "far": _obj(tree["grid_a"], 4, "远郊砖厂", 115.49, 28.60),
    }
    c = services.complaint_submit(category=cats["air-industrial"], description="夜间刺鼻气味", lon=115.49, lat=28.50,
                                  anonymous=True)
    services.complaint_accept(complaint=c, actor=admin_user)
    c.refresh_from_db()
    assert c.jurisdiction.code.startswith("369902")
    return {"c": c, "a": officer_a, "b": officer_b, "partner": partner, **objs}


def _form(w, **extra) -> dict:
    data = {"object": w["near"].pk, "date": DAY.isoformat(), "officers": [w["a"].pk, w["partner"].pk],
            "result": "rectify", "rectify_deadline": "2026-06-06", "point": ["污染防治设施运行", "自行监测"],
            "ok_0": "no", "ok_1": "yes", "note": ["活性炭未更换", ""], "summary": "核查投诉"}
    data.update(extra)
    return data


def test_service_records_the_inspection_and_links_it_both_ways(world):
    w = world
    insp = complaint_open_inspection(
        complaint=w["c"], supervised_object=w["near"], actor=w["a"], date=DAY, officers=[w["a"], w["partner"]],
        result="rectify", rectify_deadline=dt.date(2026, 6, 6),
        findings=[{"point": "污染防治设施运行", "compliant": False, "note": "活性炭未更换"}])
    assert insp.plan is None and insp.drawn is None and insp.supervised_object == w["near"]
    assert [link.target for link in selectors.links_of(w["c"])] == [insp]
    assert list(selectors.complaints_linked_to(insp)) == [w["c"]]
    assert insp.rectifications.get().problem == "污染防治设施运行：活性炭未更换"  # supervision's own rule ran


def test_service_keeps_supervision_rules_and_rolls_back(world):
    w = world
    with pytest.raises(ValidationFailed) as exc:
        complaint_open_inspection(complaint=w["c"], supervised_object=w["near"], actor=w["a"], date=DAY,
                                  officers=[w["a"]], result="no_problem")
    assert exc.value.detail["errors"]["officers"]["zh"] == "现场检查至少需要两名执法人员"
    assert Inspection.objects.count() == 0 and not w["c"].links.exists()


def test_service_refuses_a_complaint_not_accepted_and_an_object_out_of_scope(world, cats):
    w = world
    fresh = services.complaint_submit(category=cats["air-industrial"], description="异味", lon=115.49, lat=28.50,
                                      anonymous=True)
    with pytest.raises(ValidationFailed):
        complaint_open_inspection(complaint=fresh, supervised_object=w["near"], actor=w["a"], date=DAY,
                                  officers=[w["a"], w["partner"]], result="no_problem")
    with pytest.raises(PermissionRefused):  # district B's object is outside officer A's scope
        complaint_open_inspection(complaint=w["c"], supervised_object=w["east"], actor=w["a"], date=DAY,
                                  officers=[w["a"], w["partner"]], result="no_problem")
    assert Inspection.objects.count() == 0


def test_full_path_through_the_pages(world, client_for):
    w = world
    client = client_for(w["a"])
    detail = client.get(reverse("complaints:complaint_detail", args=[w["c"].pk])).content.decode()
    url = reverse("complaints:complaint_inspection", args=[w["c"].pk])
    assert "对该投诉开展现场检查" in detail and url in detail

    chooser = client.get(url).content.decode()
    # nearest first, within officer A's scope (not district B's object), within 5 km (not the far one)
    assert chooser.index("近邻化工厂") < chooser.index("北侧涂装厂")
    assert "489 m" in chooser and "1112 m" in chooser
    assert "乙区铸造厂" not in chooser and "远郊砖厂" not in chooser

    page = client.get(url, {"object": w["near"].pk}).content.decode()
    assert 'id="inspection-form"' in page and "污染防治设施运行" in page

    resp = client.post(url, _form(w))
    insp = Inspection.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("supervision:inspection_detail", args=[insp.pk])
    assert list(insp.officers.order_by("username")) == [w["a"], w["partner"]]
    assert [(f.point, f.compliant, f.note) for f in insp.findings.order_by("id")] == [
        ("污染防治设施运行", False, "活性炭未更换"), ("自行监测", True, "")]

    shown = client.get(resp["Location"]).content.decode()
    assert "关联的信访投诉" in shown and w["c"].tracking_code in shown

    ct = ContentType.objects.get_for_model(type(w["c"]))
    history = client.get(reverse("core:history", args=[ct.pk, w["c"].pk])).content.decode()
    assert f"关联 inspection {insp}" in history
    detail = client.get(reverse("complaints:complaint_detail", args=[w["c"].pk])).content.decode()
    assert insp.get_absolute_url() in detail


def test_errors_are_shown_in_chinese_on_the_form(world, client_for):
    w = world
    client = client_for(w["a"])
    url = reverse("complaints:complaint_inspection", args=[w["c"].pk])
    html = client.post(url, _form(w, officers=[w["a"].pk])).content.decode()
    assert "现场检查至少需要两名执法人员" in html and 'id="inspection-form"' in html
    assert "活性炭未更换" in html  # what was typed stays
    html = client.post(url, _form(w, date="")).content.decode()
    assert "这个字段是必填项。" in html
    html = client.post(url, _form(w, rectify_deadline="")).content.decode()
    assert "请填写整改期限" in html
    html = client.get(url, {"uscc": w["near"].uscc[:17] + "0"}).content.decode()
    assert "统一社会信用代码：校验码错误" in html
    assert Inspection.objects.count() == 0


def test_objects_out_of_scope_are_refused(world, client_for):
    w = world
    client = client_for(w["a"])
    url = reverse("complaints:complaint_inspection", args=[w["c"].pk])
    assert client.get(url, {"object": w["east"].pk}).status_code == 404
    assert client.get(url, {"uscc": w["east"].uscc}).status_code == 404
    assert client.post(url, _form(w, object=w["east"].pk)).status_code == 404
    assert client.get(url, {"uscc": w["near"].uscc}).status_code == 200
    assert Inspection.objects.count() == 0


def test_refused_for_street_and_enterprise_accounts(world, client_for, street_a_user, make_user, tree):
    w = world
    url = reverse("complaints:complaint_inspection", args=[w["c"].pk])
    detail = reverse("complaints:complaint_detail", args=[w["c"].pk])
    street = client_for(street_a_user)
    assert "对该投诉开展现场检查" not in street.get(detail).content.decode()
    assert street.get(url).status_code == 403
    assert street.post(url, _form(w)).status_code == 403
    enterprise = client_for(make_user("enterprise", tree["grid_a"], username="ent_link"))
    assert enterprise.get(url).status_code in (403, 404)
    assert enterprise.post(url, _form(w)).status_code in (403, 404)
    assert Inspection.objects.count() == 0


def _existing(w):
    return sup_services.inspection_record(supervised_object=w["near"], date=DAY, officers=[w["a"], w["partner"]],
                                          result="no_problem", actor=w["partner"])


def test_link_an_existing_inspection_of_the_object(world, client_for):
    w = world
    insp = _existing(w)
    client = client_for(w["a"])
    url = reverse("complaints:complaint_inspection", args=[w["c"].pk])
    link_url = reverse("complaints:complaint_inspection_link", args=[w["c"].pk])
    page = client.get(url, {"object": w["near"].pk}).content.decode()
    assert f'name="inspection" value="{insp.pk}"' in page
    resp = client.post(link_url, {"inspection": insp.pk})
    assert resp.status_code == 302
    assert list(selectors.complaints_linked_to(insp)) == [w["c"]]
    page = client.get(url, {"object": w["near"].pk}).content.decode()
    assert f'name="inspection" value="{insp.pk}"' not in page  # already linked
    with pytest.raises(Conflict):
        complaint_link_inspection(complaint=w["c"], inspection=insp, actor=w["a"])


def test_the_other_district_cannot_link(world, client_for):
    w = world
    insp = _existing(w)
    client = client_for(w["b"])
    assert client.get(reverse("complaints:complaint_inspection", args=[w["c"].pk])).status_code == 404
    assert client.post(reverse("complaints:complaint_inspection_link", args=[w["c"].pk]),
                       {"inspection": insp.pk}).status_code == 404
    with pytest.raises(PermissionRefused):
        complaint_link_inspection(complaint=w["c"], inspection=insp, actor=w["b"])
    # officer A cannot link an inspection of district B's object either
    other = sup_services.inspection_record(supervised_object=w["east"], date=DAY, officers=[w["b"], w["partner"]],
                                           result="no_problem", actor=w["b"])
    assert client_for(w["a"]).post(reverse("complaints:complaint_inspection_link", args=[w["c"].pk]),
                                   {"inspection": other.pk}).status_code == 404
    assert not w["c"].links.exists()

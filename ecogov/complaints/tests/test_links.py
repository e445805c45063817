"""A complaint opens a penalty case, linked both ways (generic link on the complaint side)."""

import pytest
from django.urls import reverse

from ecogov.complaints import selectors, services
from ecogov.complaints.services import complaint_open_penalty_case

enforcement = pytest.importorskip("ecogov.enforcement.models")


def test_complaint_opens_penalty_case(cats, officer, tree, client_for):
    from ecogov.core.validators import uscc_check_char
    from ecogov.registry.models import SupervisedObject

    first17 = "91369902000000123"
    obj = SupervisedObject.objects.create(jurisdiction=tree["grid_a"], name="某化工有限公司",
                                          uscc=first17 + uscc_check_char(first17))
    c = services.complaint_submit(category=cats["air-industrial"], description="夜间偷排废气", lon=115.2, lat=28.5,
                                  anonymous=True)
    case = complaint_open_penalty_case(complaint=c, supervised_object=obj, facts="夜间未开启废气处理设施", actor=officer)
    assert case.source == "complaint" and case.supervised_object == obj
    assert [link.target for link in selectors.links_of(c)] == [case]
    assert list(selectors.complaints_linked_to(case)) == [c]
    # and through the complaint page
    c2 = services.complaint_submit(category=cats["air-industrial"], description="又偷排", lon=115.2, lat=28.5,
                                   anonymous=True)
    client = client_for(officer)
    client.post(reverse("complaints:complaint_penalty_case", args=[c2.pk]), {"uscc": obj.uscc, "facts": "再次偷排"})
    assert enforcement.PenaltyCase.objects.filter(source="complaint").count() == 2
    case2 = selectors.links_of(c2)[0].target
    assert case2.facts == "再次偷排" and list(selectors.complaints_linked_to(case2)) == [c2]


def test_the_linked_record_shows_its_complaints_through_core_related_panels(cats, officer, tree, make_user):
    from ecogov.core.selectors import related_panels
    from ecogov.core.validators import uscc_check_char
    from ecogov.registry.models import SupervisedObject

    first17 = "91369902000000456"
    obj = SupervisedObject.objects.create(jurisdiction=tree["grid_a"], name="某涂装有限公司",
                                          uscc=first17 + uscc_check_char(first17))
    c = services.complaint_submit(category=cats["air-industrial"], description="异味", lon=115.2, lat=28.5,
                                  anonymous=True)
    case = complaint_open_penalty_case(complaint=c, supervised_object=obj, facts="未密闭", actor=officer)
    panels = related_panels(officer, case)
    assert [item["label"].split()[0] for p in panels for item in p["items"]] == [c.tracking_code]
    # A district-B account sees no complaint of district A.
    other = make_user("district", tree["district_b"])
    assert related_panels(other, case) == []


def test_penalty_case_page_lists_the_complaint_that_opened_it(cats, officer, tree, client_for):
    from ecogov.core.validators import uscc_check_char
    from ecogov.registry.models import SupervisedObject

    first17 = "91369902000000789"
    obj = SupervisedObject.objects.create(jurisdiction=tree["grid_a"], name="某喷涂厂",
                                          uscc=first17 + uscc_check_char(first17))
    c = services.complaint_submit(category=cats["air-industrial"], description="喷漆味", lon=115.2, lat=28.5,
                                  anonymous=True)
    case = complaint_open_penalty_case(complaint=c, supervised_object=obj, facts="无组织排放", actor=officer)
    html = client_for(officer).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "关联的信访投诉" in html and c.tracking_code in html

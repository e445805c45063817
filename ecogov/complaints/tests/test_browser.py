"""A member of the public files a complaint on the map form; staff accept, handle, review and close it;
the public tracking page then shows the reply and no personal data."""

import pytest
from django.core.cache import cache

from ecogov.complaints.models import Complaint
from ecogov.testing.browser import sign_in, submit_folded_form


def act(page, key, fields=None, selects=None):
    submit_folded_form(page, f"form[data-action='{key}']", fields=fields, selects=selects)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_files_and_staff_close(live_server, page, browser, cats, officer, leader):
    cache.clear()
    base = live_server.url
    page.goto(f"{base}/public/complaints/")
    page.wait_for_selector("#pick-map path.leaflet-interactive")
    page.select_option("#id_category", label="大气污染/扬尘")
    page.fill("#id_description", "工地夜间施工扬尘很大，裸土没有覆盖")
    box = page.locator("#pick-map").bounding_box()
    page.locator("#pick-map").click(position={"x": box["width"] / 2 - 40, "y": box["height"] / 2 + 20})  # district A
    page.wait_for_function("document.getElementById('id_lon').value !== ''")
    page.fill("#id_reporter_name", "孙小明")
    page.fill("#id_reporter_phone", "13912345678")
    page.click("#complaint-form button[type=submit]")
    code = page.locator("#tracking-code").inner_text().strip()
    c = Complaint.objects.get(tracking_code=code)
    assert c.lon is not None and c.jurisdiction.level == "grid" and c.reporter_name == "孙小明"

    staff = browser.new_context(locale="zh-CN").new_page()
    sign_in(staff, base, officer, f"/complaints/{c.pk}/")
    assert "孙小明" not in staff.locator("#reporter").inner_text()  # masked by default (issue 16)
    staff.locator("#reveal summary").click()
    staff.fill("#reveal [name=reason]", "电话回访核实情况")
    staff.locator("#reveal button[type=submit]").click()
    staff.wait_for_load_state()
    assert "孙小明" in staff.locator("#reporter").inner_text()
    act(staff, "received-accepted")
    act(staff, "accepted-assigned", selects={"assignee": str(officer.pk)})
    act(staff, "assigned-investigating")
    act(staff, "investigating-handled", fields={"findings": "工地裸土未覆盖", "measures": "责令立即覆盖并洒水降尘"},
        selects={"outcome": "substantiated"})
    staff.context.close()

    boss = browser.new_context(locale="zh-CN").new_page()
    sign_in(boss, base, leader, f"/complaints/{c.pk}/")
    act(boss, "handled-reviewed", fields={"review_note": "同意"})
    act(boss, "reviewed-closed", fields={"reply": "已责令施工单位覆盖裸土、洒水降尘，复查已整改。"},
        selects={"satisfaction": "satisfied"})
    assert boss.locator("#complaint-status").inner_text() == "已办结回复"
    boss.context.close()

    page.goto(f"{base}/public/complaints/track/?code={code}")
    assert page.locator("#track-status").inner_text() == "已办结回复"
    assert "复查已整改" in page.locator("#track-reply").inner_text()
    assert "孙小明" not in page.content() and "13912345678" not in page.content()

"""A real browser signs in through the login form and opens a source's file page."""

import pytest

from ecogov.testing.browser import sign_in

from .helpers import make_permit


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_in_and_open_a_file_page(live_server, page, tree, officer, obj_a):
    make_permit(obj_a, permit_no="PERMIT-BROWSER")
    sign_in(page, live_server.url, officer, "/registry/")
    page.click(f"text={obj_a.name}")
    page.wait_for_selector("h1:has-text('甲区化工有限公司')")
    assert "一源一档" in page.content()
    page.click("#file-tabs >> text=排污许可")
    page.wait_for_selector("text=PERMIT-BROWSER")
    page.click("#file-tabs >> text=历史记录")
    page.wait_for_selector("#tab-body table.history")

"""A street officer of the responsible unit submits evidence; the bureau reviews, re-checks on
site, publicises and closes the item, which then shows on the public disclosure page."""

import datetime as dt

import pytest
from django.core.cache import cache

from ecogov.rectification.models import RectificationItem
from ecogov.testing import factories
from ecogov.testing.browser import sign_in, submit_folded_form

from .ledger import PDF, batch, item


def step(page, to, fields=None, files=None):
    submit_folded_form(page, f"form[data-step='{to}']", fields=fields, files=files)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_district_submits_bureau_rechecks_and_closes(live_server, page, browser, tree, officer, settings):
    settings.RECTIFICATION_POLICY = {"publicity_days": 0}
    cache.clear()
    base = live_server.url
    street = factories.user("street", tree["street_a"], username="street_officer")
    b = batch(officer, tree["city"], code="ZY2-BROWSER")
    it = item(officer, tree["street_a"], batch=b, problem="滨河路餐饮油烟直排", owner=street, state="rectifying",
              deadline=dt.date.today() + dt.timedelta(days=60), assigned_date=dt.date.today())
    url = f"/rectification/items/{it.pk}/"

    sign_in(page, base, street, url)
    assert page.locator("#item-state").inner_text() == "整改中"
    step(page, "submitted", fields={"note": "已安装油烟净化器"},
         files={"evidence": {"name": "净化器照片.pdf", "mimeType": "application/pdf", "buffer": PDF}})
    assert page.locator("#item-state").inner_text() == "已申请销号"
    assert "净化器照片" in page.locator("#evidence").inner_text()
    assert page.locator("form[data-step='rechecked']").count() == 0  # not the owner's move

    bureau = browser.new_context(locale="zh-CN").new_page()
    sign_in(bureau, base, officer, url)
    step(bureau, "reviewed")
    step(bureau, "rechecked", fields={"note": "现场复核：净化器运行正常"})
    step(bureau, "publicised")
    assert bureau.locator("#item-state").inner_text() == "公示中"
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/public/rectification/")
    assert "滨河路餐饮油烟直排" in public.locator("#public-notice").inner_text()
    step(bureau, "closed")
    assert bureau.locator("#item-state").inner_text() == "已销号"
    assert RectificationItem.objects.get(pk=it.pk).state == "closed"
    public.goto(f"{base}/public/rectification/")
    assert "滨河路餐饮油烟直排" in public.locator("#public-closed").inner_text()
    assert street.full_name not in public.content()

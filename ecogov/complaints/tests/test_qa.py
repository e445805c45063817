"""Defects found in the QA walk-through of the complaints app, each with its regression test."""

import pytest


@pytest.mark.parametrize("url", ["/complaints/", "/complaints/new/", "/complaints/report/"])
def test_enterprise_account_is_refused_with_403_not_500(client_for, tree, make_user, cats, url):
    ent = make_user("enterprise", tree["grid_a"], username="ent_qa")
    assert client_for(ent).get(url).status_code == 403


def test_street_account_export_is_refused_with_403_not_500(client_for, street_a_user, cats):
    c = client_for(street_a_user)
    assert c.get("/complaints/").status_code == 200
    assert c.get("/complaints/?export=xlsx").status_code == 403
    assert c.get("/complaints/rewards/?export=xlsx").status_code == 403

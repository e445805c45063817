"""Sign-in, language switch, admin for superusers only, the history tab."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client

from ecogov.core.audit import create_audited
from ecogov.core.models import Department
from ecogov.testing.factories import TEST_PASSWORD


def test_home_requires_sign_in(db):
    r = Client().get("/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_login_page_is_chinese_by_default_and_english_on_request(db):
    assert "登录" in Client().get("/accounts/login/").content.decode()
    assert "Sign in" in Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_sign_in_with_password_then_home(tree, officer):
    c = Client()
    r = c.post("/accounts/login/", {"username": "officer", "password": TEST_PASSWORD})
    assert r.status_code == 302
    assert "工作概览" in c.get("/").content.decode()


def test_wrong_password_is_refused(tree, officer):
    r = Client().post("/accounts/login/", {"username": "officer", "password": "wrong"})
    assert r.status_code == 200 and "用户名或密码错误" in r.content.decode()


def test_admin_only_for_superusers(client_for, officer, admin_user):
    officer.is_staff = True
    officer.save()
    assert client_for(officer).get("/admin/").status_code == 302
    assert client_for(admin_user).get("/admin/").status_code == 200


def test_history_tab_shows_rows_and_hides_out_of_scope(tree, officer, client_for, make_user):
    with transaction.atomic():
        dept = create_audited(actor=officer, obj=Department(code="D9", name="执法支队", jurisdiction=tree["district_b"]))
    ct = ContentType.objects.get_for_model(Department).pk
    url = f"/history/{ct}/{dept.pk}/"
    html = client_for(officer).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "创建" in html and "执法支队" in html
    district_a = make_user("district", tree["district_a"])
    assert client_for(district_a).get(url).status_code == 404


def test_navigation_hides_staff_modules_from_enterprise_accounts(tree, client_for, make_user, officer):
    ent = make_user("enterprise", tree["grid_a"])
    ent_html = client_for(ent).get("/").content.decode()
    staff_html = client_for(officer).get("/").content.decode()
    assert "信访投诉" in staff_html and "行政执法" in staff_html
    assert "信访投诉" not in ent_html and "行政执法" not in ent_html and "污染源档案" in ent_html


def test_domain_error_in_a_page_view_is_a_page_not_a_500(rf, tree, officer):
    from ecogov.core.errors import PermissionRefused
    from ecogov.core.middleware import DomainErrorMiddleware

    request = rf.get("/somewhere/")
    request.user = officer
    response = DomainErrorMiddleware(lambda r: None).process_exception(request, PermissionRefused())
    assert response.status_code == 403 and "无权执行此操作" in response.content.decode()
    api_request = rf.get("/api/x")
    assert DomainErrorMiddleware(lambda r: None).process_exception(api_request, PermissionRefused()) is None


def test_unknown_page_is_a_chinese_404(db):
    r = Client().get("/no-such-page/")
    assert r.status_code == 404 and "页面不存在" in r.content.decode()


def test_history_shows_field_names_and_values_as_people_read_them(tree, officer, client_for):
    from ecogov.core.audit import update_audited

    with transaction.atomic():
        dept = create_audited(actor=officer, obj=Department(code="D8", name="监测站", jurisdiction=tree["city"]))
    with transaction.atomic():
        update_audited(actor=officer, obj=dept, data={"is_bureau_division": False})
    ct = ContentType.objects.get_for_model(Department).pk
    html = client_for(officer).get(f"/history/{ct}/{dept.pk}/", HTTP_HX_REQUEST="true").content.decode()
    # verbose name of is_bureau_division, and True/False as 是/否
    assert "局内科室</span>: 是 → 否" in html
    assert "is_bureau_division" not in html


def test_enterprise_accounts_are_kept_out_of_staff_modules(tree, client_for, make_user):
    ent = make_user("enterprise", tree["grid_a"])
    client = client_for(ent)
    for url in ("/monitoring/", "/supervision/", "/enforcement/", "/complaints/"):
        assert client.get(url).status_code == 403, url
    assert client.get("/public/").status_code == 200
    assert client.get("/").status_code == 200

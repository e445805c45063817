"""The TOTP second factor, end to end with real codes: a leader enrols from the secret the page
shows, then every sign-in asks for a code computed from it (RFC 6238 through
``django_otp.oath.totp``); wrong and replayed codes are refused, audited and counted; a session
made without the code is signed out; a setting makes it required for leaders and administrators."""

from __future__ import annotations

import re
from base64 import b32decode

from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecogov.conftest import TEST_PASSWORD
from ecogov.core.models import AuditLog
from ecogov.testing import factories

LOGIN, CODE, SETUP = "/accounts/login/", "/accounts/login/code/", "/accounts/otp/"


def _code(key: bytes, step: int = 0) -> str:
    """The code of the current 30-second step (``step`` steps later: the next code of the app)."""
    return f"{totp(key, drift=step):06d}"


def _password(client, user):
    return client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD, "next": "/due/"})


def _enrol(client) -> bytes:
    page = client.get(SETUP).content.decode()
    assert "<svg" in page  # the QR code
    secret = re.search(r'<code id="otp-secret">([A-Z2-7=]+)</code>', page).group(1)
    key = b32decode(secret)
    assert len(key) == 20
    r = client.post(SETUP, {"code": _code(key)})
    assert r.status_code == 302
    return key


def _at_the_code_step(tree):
    """A leader who enrolled a device, signed out, and signed in again with the password: the sign-in
    now waits for the code. Returns the leader, the client and the device's key."""
    leader = factories.user("leader", tree["city"], username="leader1")
    c = Client()
    _password(c, leader)
    key = _enrol(c)
    c.post("/accounts/logout/")
    _password(c, leader)
    return leader, c, key


def test_enrol_then_sign_in_with_a_code(tree):
    leader = factories.user("leader", tree["city"], username="leader1")
    c = Client()
    assert _password(c, leader).status_code == 302
    page = c.get(SETUP).content.decode()
    secret = re.search(r'<code id="otp-secret">([A-Z2-7=]+)</code>', page).group(1)
    assert c.get(SETUP).content.decode().count(secret) == 1  # the same secret until it is confirmed
    wrong = c.post(SETUP, {"code": f"{(int(_code(b32decode(secret))) + 1) % 1000000:06d}"})
    assert "验证码错误或已过期" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=leader).exists()
    key = _enrol(c)
    device = TOTPDevice.objects.get(user=leader)
    assert device.confirmed and device.bin_key == key
    assert AuditLog.objects.filter(event="security", object_id=str(leader.pk),
                                   changes={"second_factor": [None, "totp"]}).exists()
    assert c.get(SETUP).content.decode().count('data-enabled="1"') == 1
    c.post("/accounts/logout/")

    # the password alone does not sign in any more
    r = _password(c, leader)
    assert r.status_code == 302 and r["Location"] == CODE
    assert c.get("/").status_code == 302
    assert "请输入验证器应用为 leader1 显示的 6 位验证码。" in c.get(CODE).content.decode()
    bad = c.post(CODE, {"code": "000000" if _code(key, 1) != "000000" else "111111"})
    assert "验证码错误或已过期。" in bad.content.decode()
    failed = AuditLog.objects.get(event="login_failed")
    assert failed.object_id == str(leader.pk) and failed.changes == {"failure": [None, "otp"]}
    r = c.post(CODE, {"code": _code(key, 1)})  # the app's next code (the enrolment used this step's)
    assert r.status_code == 302 and r["Location"] == "/due/"
    assert c.get("/").status_code == 200
    c.post("/accounts/logout/")

    # a code is good once: replaying it is refused
    _password(c, leader)
    assert "验证码错误或已过期。" in c.post(CODE, {"code": _code(key, 1)}).content.decode()
    assert c.get("/").status_code == 302
    call_command("audit", "verify")


def test_a_session_made_without_the_code_is_signed_out(tree, client_for):
    leader = factories.user("leader", tree["city"], username="leader1")
    c = Client()
    _password(c, leader)
    _enrol(c)
    other = client_for(leader)  # signed in by another path than the code (like the admin's own login)
    r = other.get("/")
    assert r.status_code == 302 and r["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in other.session
    api = client_for(leader)
    assert api.get("/api/core/me").status_code == 401
    assert "_auth_user_id" not in api.session
    assert c.get("/").status_code == 200  # the verified session goes on


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_wrong_codes_lock_the_account(tree):
    leader, c, key = _at_the_code_step(tree)
    wrong = "000000" if _code(key, 1) != "000000" else "111111"
    for _ in range(3):
        c.post(CODE, {"code": wrong})
    assert "临时锁定" in c.post(CODE, {"code": _code(key, 1)}).content.decode()
    assert c.get("/").status_code == 302
    assert AuditLog.objects.filter(event="security", changes__locked=[None, "user"]).exists()


def test_removing_the_second_factor_needs_a_code(tree):
    leader = factories.user("leader", tree["city"], username="leader1")
    c = Client()
    _password(c, leader)
    key = _enrol(c)
    assert "验证码错误或已过期" in c.post(SETUP, {"code": "12345x"}).content.decode()
    assert TOTPDevice.objects.filter(user=leader).exists()
    assert c.post(SETUP, {"code": _code(key, 1)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=leader).exists()
    assert AuditLog.objects.filter(event="security", changes={"second_factor": ["totp", None]}).exists()
    c.post("/accounts/logout/")
    assert _password(c, leader)["Location"] == "/due/"  # the password alone again


def test_other_roles_cannot_enrol(officer, client_for):
    assert client_for(officer).get(SETUP).status_code == 403


@override_settings(OTP_REQUIRED_ROLES=["leader", "admin"])
def test_required_for_leaders_and_administrators(tree, officer, admin_user):
    leader = factories.user("leader", tree["city"], username="leader1")
    c = Client()
    assert _password(c, leader).status_code == 302
    r = c.get("/due/")  # every page leads to the enrolment first
    assert r.status_code == 302 and r["Location"] == SETUP
    assert "您的角色必须使用二次验证：请先启用后继续。" in c.get(SETUP).content.decode()
    api = c.get("/api/core/me")
    assert api.status_code == 403 and api.json()["code"] == "second_factor_required"
    key = _enrol(c)
    assert c.get("/due/").status_code == 200
    assert c.get("/api/core/me").status_code == 200
    assert "不能停用" in c.get(SETUP).content.decode()
    refused = c.post(SETUP, {"code": _code(key, 1)})
    assert "您的角色必须使用二次验证，不能停用。" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=leader).exists()
    # a superuser administrator is held the same way; an officer is not concerned
    a = Client()
    _password(a, admin_user)
    assert a.get("/due/")["Location"] == SETUP
    o = Client()
    _password(o, officer)
    assert o.get("/due/").status_code == 200


def test_the_admin_sites_own_login_does_not_skip_the_code(tree):
    root = factories.user("admin", tree["city"], username="root2", is_superuser=True, is_staff=True)
    c = Client()
    _password(c, root)
    _enrol(c)
    other = Client()
    r = other.post("/admin/login/?next=/admin/", {"username": root.username, "password": TEST_PASSWORD,
                                                    "next": "/admin/"})
    assert r.status_code == 302  # the admin's form accepted the password...
    r = other.get("/admin/")
    assert r.status_code == 302 and r["Location"].startswith(LOGIN)  # ...but without the code no page opens
    assert "_auth_user_id" not in other.session
    # signed in with the code, the administrator finds the devices in the admin (to remove a lost phone's)
    listing = c.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200 and "authenticator" in listing.content.decode()


def test_the_code_step_expires_after_five_minutes(tree):
    from ecogov.core.otp import PENDING_LOGIN

    leader, c, key = _at_the_code_step(tree)
    session = c.session
    session[PENDING_LOGIN] = {**session[PENDING_LOGIN], "at": session[PENDING_LOGIN]["at"] - 301}
    session.save()
    r = c.post(CODE, {"code": _code(key, 1)})
    assert r.status_code == 302 and r["Location"] == LOGIN  # the password again
    assert c.get("/").status_code == 302

"""Sign-in abuse and session hygiene: every failed sign-in (password, API token) is an audit row,
a revoked token counts against its account as well as the address, idle sessions end, and the
password change page enforces the policy in Chinese."""

from __future__ import annotations

import time

from django.core.management import call_command
from django.test import Client, override_settings

from ecogov.conftest import TEST_PASSWORD
from ecogov.core.middleware import LAST_SEEN
from ecogov.core.models import ApiToken, AuditLog

LOGIN = "/accounts/login/"


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_each_failed_login_and_bad_token_is_an_audit_row(officer):
    c = Client(REMOTE_ADDR="10.1.1.1")
    _login(c, officer.username, "wrong-password")
    _login(c, "nobody-of-that-name", "wrong-password")
    c.get("/api/core/me", HTTP_AUTHORIZATION="Bearer not-a-token")
    rows = list(AuditLog.objects.filter(event="login_failed").order_by("id"))
    assert [(r.object_id, r.object_repr, r.changes["failure"][1]) for r in rows] == [
        (str(officer.pk), officer.username, "login"), ("", "nobody-of-that-name", "login"), ("", "", "token")]
    assert all(r.actor is None and r.actor_label == "anonymous (10.1.1.1)" for r in rows)
    assert rows[0].note == f"wrong password for {officer.username} from 10.1.1.1"
    call_command("audit", "verify")


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_attempts_refused_by_the_lockout_are_not_audited_again(officer):
    c = Client()
    for _ in range(3):
        _login(c, officer.username, "wrong-password")
    assert AuditLog.objects.filter(event="login_failed").count() == 3
    assert AuditLog.objects.filter(event="security").count() == 1  # the lockout
    for _ in range(4):  # refused before any password check
        assert "临时锁定" in _login(c, officer.username, "wrong-password").content.decode()
    assert AuditLog.objects.filter(event="login_failed").count() == 3


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_IP_FAILURE_LIMIT=100)
def test_a_revoked_token_counts_against_its_account_from_any_address(officer):
    ApiToken.objects.create(user=officer, name="old", key_hash=ApiToken.hash_key("revoked-key"), revoked=True)
    ApiToken.objects.create(user=officer, name="new", key_hash=ApiToken.hash_key("valid-key"))
    assert Client().get("/api/core/me", HTTP_AUTHORIZATION="Bearer valid-key").status_code == 200
    for n in range(3):  # three addresses, so no address reaches its limit: only the account does
        r = Client(REMOTE_ADDR=f"10.2.0.{n}").get("/api/core/me", HTTP_AUTHORIZATION="Bearer revoked-key")
        assert r.status_code == 401
    lock = AuditLog.objects.get(event="security")
    assert lock.object_id == str(officer.pk) and lock.changes == {"locked": [None, "user"], "failures": [None, "token"]}
    other = Client(REMOTE_ADDR="10.3.0.1")
    r = other.get("/api/core/me", HTTP_AUTHORIZATION="Bearer valid-key")
    assert r.status_code == 429 and r.json()["code"] == "locked_out" and r.json()["detail"]["locked"] == "user"
    assert "临时锁定" in _login(other, officer.username, TEST_PASSWORD).content.decode()
    call_command("unlock", "--user", officer.username)
    assert other.get("/api/core/me", HTTP_AUTHORIZATION="Bearer valid-key").status_code == 200


@override_settings(LOGIN_IP_FAILURE_LIMIT=3)
def test_bad_tokens_lock_the_address_not_the_account(officer):
    for _ in range(3):
        Client(REMOTE_ADDR="10.4.0.1").get("/api/core/me", HTTP_AUTHORIZATION="Bearer guess")
    assert "临时锁定" in _login(Client(REMOTE_ADDR="10.4.0.1"), officer.username, TEST_PASSWORD).content.decode()
    assert _login(Client(REMOTE_ADDR="10.4.0.2"), officer.username, TEST_PASSWORD).status_code == 302


# --- sign-out after inactivity


def _signed_in(user) -> Client:
    c = Client()
    assert _login(c, user.username, TEST_PASSWORD).status_code == 302
    return c


def _age_session(client, seconds: int) -> None:
    """Move the session's last activity ``seconds`` into the past (as if that time had passed)."""
    session = client.session
    session[LAST_SEEN] = session[LAST_SEEN] - seconds
    session.save()


@override_settings(SESSION_IDLE_SECONDS=1800)
def test_a_session_idle_for_more_than_the_limit_is_signed_out(officer):
    c = _signed_in(officer)
    assert c.get("/").status_code == 200
    _age_session(c, 1700)  # 28 min 20 s: still signed in, and the activity moves the stamp on
    assert c.get("/").status_code == 200
    assert int(time.time()) - c.session[LAST_SEEN] < 5
    _age_session(c, 1700)  # 56 minutes since sign-in, never 30 idle
    assert c.get("/").status_code == 200
    _age_session(c, 1801)
    r = c.get("/", follow=True)
    assert r.redirect_chain[0][0].startswith(LOGIN)
    assert "您已 30 分钟未操作，已自动退出，请重新登录。" in r.content.decode()
    assert "_auth_user_id" not in c.session
    assert c.get("/api/core/me").status_code == 401


@override_settings(SESSION_IDLE_SECONDS=1)
def test_the_idle_limit_with_the_real_clock(officer):
    c = _signed_in(officer)
    assert c.get("/").status_code == 200
    time.sleep(2.2)
    assert c.get("/").status_code == 302


@override_settings(SESSION_IDLE_SECONDS=0)
def test_no_idle_limit_when_zero(officer):
    c = _signed_in(officer)
    c.get("/")
    session = c.session
    session[LAST_SEEN] = 0  # 1970
    session.save()
    assert c.get("/").status_code == 200


# --- password policy on the change page


def _change(client, new):
    return client.post("/accounts/password/", {"old_password": TEST_PASSWORD, "new_password1": new,
                                               "new_password2": new})


def test_the_password_change_page_refuses_weak_passwords_in_chinese(officer):
    c = _signed_in(officer)
    cases = {
        "abcdefghij": "密码至少应包含大写字母、小写字母、数字、其他字符中的 3 类。",
        "83625147": "密码只包含数字。",
        "Password1": "这个密码太常见了。",
        "Ab1!": "密码太短，至少需要 8 个字符。",
        "Officer#2026": "密码跟 用户名 太相似了。",
    }
    for weak, message in cases.items():
        r = _change(c, weak)
        assert r.status_code == 200 and message in r.content.decode(), weak
    assert not AuditLog.objects.filter(event="security").exists()
    assert _change(c, "Qing-he 2026").status_code == 302
    row = AuditLog.objects.get(event="security")
    assert row.actor == officer and row.changes == {"password": [None, "changed"]}
    c.logout()
    assert _login(Client(), officer.username, "Qing-he 2026").status_code == 302

"""Repeated wrong passwords lock the account (and a flood locks the address) for a while;
the lockout is audited, the administrators told, an administrator can lift it; bad API
tokens count against the address. Counters in the database cache, and in a real Redis."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings

from ecogov.conftest import TEST_PASSWORD
from ecogov.core.models import AuditLog, Notification

LOGIN = "/accounts/login/"


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def _lockout_scenario(officer, admin_user, capture):
    c = Client()
    with capture(execute=True):  # the administrators' notification goes out on commit
        for _ in range(5):  # LOGIN_FAILURE_LIMIT wrong passwords
            assert _login(c, officer.username, "wrong-password").status_code == 200
    # now even the right password is refused, with the reason
    page = _login(c, officer.username, TEST_PASSWORD)
    assert page.status_code == 200 and "临时锁定" in page.content.decode()
    assert "_auth_user_id" not in c.session
    row = AuditLog.objects.get(event="security")
    assert row.object_repr == officer.username.lower() and row.object_id == str(officer.pk)
    assert Notification.objects.filter(recipient=admin_user).exists()
    call_command("unlock", "--user", officer.username)
    assert _login(c, officer.username, TEST_PASSWORD).status_code == 302
    call_command("audit", "verify")


def test_lockout_after_repeated_wrong_passwords(officer, admin_user, django_capture_on_commit_callbacks):
    _lockout_scenario(officer, admin_user, django_capture_on_commit_callbacks)


def test_success_resets_the_account_counter(officer):
    c = Client()
    for _ in range(4):
        _login(c, officer.username, "wrong-password")
    assert _login(c, officer.username, TEST_PASSWORD).status_code == 302
    c.logout()
    for _ in range(4):
        _login(c, officer.username, "wrong-password")
    assert _login(c, officer.username, TEST_PASSWORD).status_code == 302


@override_settings(LOGIN_IP_FAILURE_LIMIT=3)
def test_bad_api_tokens_lock_the_address(officer):
    c = Client()
    for _ in range(3):
        assert c.get("/api/core/me", HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401
    r = c.get("/api/core/me", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert r.status_code == 429 and r.json()["code"] == "locked_out"
    # the address is locked for logins too, even a correct one
    assert "临时锁定" in _login(c, officer.username, TEST_PASSWORD).content.decode()


@pytest.mark.services
def test_counters_in_redis(officer, admin_user, django_capture_on_commit_callbacks):
    redis_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/5",
                   "KEY_PREFIX": "ecogov-test-throttle"}
    from django.conf import settings

    with override_settings(CACHES={**settings.CACHES, "throttle": redis_cache}):
        caches["throttle"].clear()
        try:
            _lockout_scenario(officer, admin_user, django_capture_on_commit_callbacks)
            assert caches["throttle"].get(f"fail:user:{officer.username.lower()}") is None  # unlocked, reset
        finally:
            caches["throttle"].clear()

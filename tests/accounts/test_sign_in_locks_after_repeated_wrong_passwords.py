"""Sign-in resists guessing (issue 14, django-axes): after PLANLINK_LOGIN_FAILURE_LIMIT wrong
passwords for one account from one address, that pair is refused — even with the right
password — with a Thai page (HTTP 429), until the period passes or `planlink unlock USER`."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "รหัสผ่าน-ทดสอบ-123"


@pytest.fixture
def somchai():
    return UserFactory(username="somchai")


def sign_in(client: Client, password: str, username: str = "somchai", address: str = "127.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_25_wrong_passwords_then_the_right_one_do_not_sign_in(somchai):
    client = Client()
    for _ in range(25):
        sign_in(client, "เดาสุ่ม-1234")
    response = sign_in(client, PASSWORD)
    assert not signed_in(client)
    assert response.status_code == 429
    page = response.content.decode()
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in page
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in page
    assert "planlink unlock" in page


def test_the_limit_is_the_setting_and_fewer_failures_still_sign_in(somchai, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = Client()
    for _ in range(4):
        assert sign_in(client, "ผิด").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_lock_is_for_the_account_from_that_address_only(somchai):
    attacker = Client()
    for _ in range(10):
        sign_in(attacker, "ผิด", address="203.0.113.9")
    officer = Client()
    assert sign_in(officer, PASSWORD, address="10.1.2.3").status_code == 302
    assert signed_in(officer)


def test_the_lock_ends_after_the_cool_off_period(somchai, settings):
    from axes.models import AccessAttempt

    client = Client()
    for _ in range(6):
        sign_in(client, "ผิด")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(hours=2)
    )
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_administrator_unlocks_the_account_at_once(somchai):
    client = Client()
    for _ in range(6):
        sign_in(client, "ผิด")
    assert sign_in(client, PASSWORD).status_code == 429
    out = io.StringIO()
    call_command("unlock", "somchai", stdout=out)
    assert "removed 1 lockout record" in out.getvalue()
    assert sign_in(client, PASSWORD).status_code == 302
    assert signed_in(client)


def test_unlock_needs_a_user_an_address_or_all():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="username, --address or --all"):
        call_command("unlock")

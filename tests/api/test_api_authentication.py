"""Tokens and sessions: who the API believes the caller is."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from planlink.accounts.models import ApiToken
from planlink.accounts.tokens import token_create, token_hash, token_revoke
from planlink.plans.models import Plan

pytestmark = pytest.mark.django_db


def signed_in(user, *, enforce_csrf_checks: bool = False) -> Client:
    """A browser session; the user is re-read so the session hash matches the stored password."""
    browser = Client(enforce_csrf_checks=enforce_csrf_checks)
    browser.force_login(get_user_model().objects.get(pk=user.pk))
    return browser


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_valid_token_identifies_the_user(world, client):
    response = client.get(f"/api/v1/plans/{world.mine.pk}", headers=bearer(world.tokens["village"]))
    assert response.status_code == 200
    assert response.json()["owner"] == {"type": "area", "code": "24010101", "name": "บ้านหน้าเมือง"}


def test_no_credentials_get_401_with_a_bearer_challenge(world, client):
    response = client.get("/api/v1/plans")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="planlink"'
    assert response.json() == {
        "code": "unauthenticated",
        "message_th": "ต้องเข้าสู่ระบบ หรือแนบโทเค็น (Authorization: Bearer …)",
        "message_en": "authentication required: sign in or send Authorization: Bearer <token>",
    }


@pytest.mark.parametrize(
    "header",
    ["Bearer pl_not-a-real-token", "Bearer ", "Token something", "Basic dXNlcjpwYXNz"],
)
def test_a_wrong_token_or_scheme_gets_401(world, client, header):
    assert client.get("/api/v1/plans", headers={"Authorization": header}).status_code == 401


def test_a_revoked_token_stops_working(world, client):
    token = ApiToken.objects.get(user=world.people["village"])
    token_revoke(token=token)
    response = client.get("/api/v1/plans", headers=bearer(world.tokens["village"]))
    assert response.status_code == 401


def test_an_expired_token_stops_working(world, client):
    user = world.people["village"]
    _, raw = token_create(user=user, expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.get("/api/v1/plans", headers=bearer(raw)).status_code == 401


def test_a_deactivated_user_cannot_use_an_old_token(world, client):
    user = world.people["village"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/v1/plans", headers=bearer(world.tokens["village"])).status_code == 401


def test_only_the_hash_of_a_token_is_stored(world):
    raw = world.tokens["district"]
    stored = ApiToken.objects.get(user=world.people["district"])
    assert stored.key_hash == token_hash(raw)
    assert raw not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.prefix == raw[:10]
    assert raw.startswith("pl_")
    assert len(raw) == 46


def test_using_a_token_records_when_it_was_last_used(world, client):
    stored = ApiToken.objects.get(user=world.people["district"])
    assert stored.last_used_at is None
    client.get("/api/v1/plans", headers=bearer(world.tokens["district"]))
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_reference_data_is_public(world, client):
    assert client.get("/api/v1/areas/24").json()["name_th"] == "ฉะเชิงเทรา"
    assert client.get("/api/v1/cycles/2570").json()["fiscal_year"] == 2570


def test_a_signed_in_session_reads_without_a_token(world):
    browser = signed_in(world.people["village"])
    response = browser.get("/api/v1/plans")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [world.mine.pk]


def test_a_session_write_without_the_csrf_token_is_refused_and_changes_nothing(world):
    browser = signed_in(world.people["village"], enforce_csrf_checks=True)
    response = browser.post(f"/api/v1/plans/{world.mine.pk}/submit")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert Plan.objects.get(pk=world.mine.pk).state == "draft"


def test_a_session_write_with_the_csrf_token_goes_through(world):
    browser = signed_in(world.people["village"], enforce_csrf_checks=True)
    browser.get("/api/v1/docs")  # sets the csrftoken cookie (the docs page uses it)
    token = browser.cookies["csrftoken"].value
    response = browser.post(f"/api/v1/plans/{world.mine.pk}/submit", headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert Plan.objects.get(pk=world.mine.pk).state == "submitted"


def test_a_token_write_needs_no_csrf_token(world):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        f"/api/v1/plans/{world.mine.pk}/submit",
        data=json.dumps({}),
        content_type="application/json",
        headers=bearer(world.tokens["village"]),
    )
    assert response.status_code == 200
    assert Plan.objects.get(pk=world.mine.pk).state == "submitted"

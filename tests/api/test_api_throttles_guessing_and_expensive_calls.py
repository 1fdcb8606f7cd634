"""Guessing tokens and hammering expensive endpoints are slowed down: 429 with Retry-After and
the API's JSON error body (issue 14). Rates come from settings (PLANLINK_API_RATE_*)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def assert_throttled(response) -> int:
    assert response.status_code == 429, response.content[:300]
    body = response.json()
    assert body["code"] == "throttled"
    assert "โปรดรอ" in body["message_th"]
    wait = int(response["Retry-After"])
    assert wait >= 1
    return wait


def test_bad_tokens_from_one_address_are_throttled_even_before_a_good_one(api, world, settings):
    settings.PLANLINK_API_RATE_BAD_TOKENS = "5/min"
    for attempt in range(5):
        response = api.client.get(
            "/api/v1/plans", headers={"Authorization": f"Bearer pl_guess{attempt:040d}"}
        )
        assert response.status_code == 401
    guessed = api.client.get("/api/v1/plans", headers={"Authorization": "Bearer pl_guess-again"})
    wait = assert_throttled(guessed)
    assert wait <= 61
    # The address is slowed down whatever token it sends next, so guessing gains nothing.
    assert_throttled(api.get("/plans", as_="village"))


def test_another_address_is_not_slowed_by_someone_else_s_guesses(api, world, settings):
    settings.PLANLINK_API_RATE_BAD_TOKENS = "3/min"
    for _ in range(3):
        api.client.get("/api/v1/plans", headers={"Authorization": "Bearer pl_wrong"})
    elsewhere = api.client.get(
        "/api/v1/plans",
        headers={"Authorization": f"Bearer {world.tokens['village']}"},
        REMOTE_ADDR="10.20.30.40",
    )
    assert elsewhere.status_code == 200


def test_a_spoofed_forwarded_for_header_does_not_reset_the_count(api, settings):
    settings.PLANLINK_API_RATE_BAD_TOKENS = "3/min"
    for number in range(3):
        api.client.get(
            "/api/v1/plans",
            headers={"Authorization": "Bearer pl_wrong", "X-Forwarded-For": f"10.0.0.{number}"},
        )
    response = api.client.get(
        "/api/v1/plans",
        headers={"Authorization": "Bearer pl_wrong", "X-Forwarded-For": "10.0.0.99"},
    )
    assert_throttled(response)


def test_anonymous_callers_are_throttled_per_address(api, settings):
    settings.PLANLINK_API_RATE_ANON = "4/min"
    for _ in range(4):
        assert api.get("/cycles").status_code == 200
    assert_throttled(api.get("/cycles"))


def test_expensive_documents_have_their_own_budget_per_user(api, world, settings):
    settings.PLANLINK_API_RATE_DOCUMENTS = "2/min"
    path = f"/documents/plans/{world.mine.pk}.xlsx"
    assert api.get(path, as_="village").status_code == 200
    assert api.get(path, as_="village").status_code == 200
    assert_throttled(api.get(path, as_="village"))
    # Other endpoints and other people are not affected.
    assert api.get("/plans", as_="village").status_code == 200
    assert api.get(path, as_="tambon").status_code == 200

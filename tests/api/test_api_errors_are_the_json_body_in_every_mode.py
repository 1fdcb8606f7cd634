"""Every API error is the documented body ``{code, message_th, message_en, details?}``, with DEBUG
on and off: an unexpected exception (500), a wrong method (405), an over-large body (413), a
control character in a filter (400), a non-object JSON body (400), and anonymous writes (401,
not the CSRF 403) — issue 14.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def assert_error_body(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message_th"]
    assert body["message_en"]
    return body


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_failure_is_a_json_500_with_debug_on_and_off(
    world, settings, monkeypatch, debug
):
    from planlink.api import plans

    settings.DEBUG = debug

    def broken(*args, **kwargs):
        raise RuntimeError("ฐานข้อมูลหาย")

    monkeypatch.setattr(plans, "plan_queryset", broken)
    client = Client(raise_request_exception=False)
    token = world.tokens["village"]
    response = client.get(
        f"/api/v1/plans/{world.mine.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    body = assert_error_body(response, 500, "server_error")
    assert "ฐานข้อมูลหาย" not in json.dumps(body, ensure_ascii=False)  # no internals leak


@pytest.mark.parametrize("debug", [False, True])
def test_a_wrong_method_and_an_unknown_path_are_json(api, settings, debug):
    settings.DEBUG = debug
    assert_error_body(api.call("PUT", "/areas/24", body={}), 405, "method_not_allowed")
    assert_error_body(api.get("/no-such-thing"), 404, "not_found")


def test_a_json_body_over_the_limit_answers_413_before_it_is_read(api, world):
    oversized = {"title": "ก" * (1024 * 1024 + 10), "issue_code": "WATER"}
    response = api.post(f"/plans/{world.mine.pk}/projects", oversized, as_="village")
    body = assert_error_body(response, 413, "too_large")
    assert body["details"]["limit_bytes"] == 1024 * 1024


def test_the_limit_is_the_setting(api, world, settings):
    settings.PLANLINK_MAX_BODY_BYTES = 200
    response = api.post(
        f"/plans/{world.mine.pk}/projects",
        {"title": "ซ่อมถนน" * 40, "issue_code": "WATER"},
        as_="village",
    )
    assert_error_body(response, 413, "too_large")


@pytest.mark.parametrize(
    "path", ["/projects?issue=%14", "/documents/projects.xlsx?issue=%14", "/areas?q=%00"]
)
def test_a_control_character_in_a_filter_is_refused_with_400(api, path):
    assert_error_body(api.get(path, as_="province"), 400, "invalid_input")


def test_a_control_character_in_body_text_is_refused_and_nothing_is_saved(api, world):
    from planlink.plans.models import Project

    before = Project.objects.count()
    response = api.post(
        f"/plans/{world.mine.pk}/projects",
        {"title": "ก่อสร้าง\x14ถนน", "issue_code": "WATER"},
        as_="village",
    )
    assert_error_body(response, 400, "invalid_input")
    assert Project.objects.count() == before


@pytest.mark.parametrize("body", [True, [1, 2], "ชื่อใหม่", 5])
def test_a_body_that_is_not_a_json_object_is_refused(api, world, body):
    from planlink.plans.models import Strategy

    response = api.patch(f"/strategies/{world.strategy.pk}", body, as_="province")
    assert_error_body(response, 400, "invalid_input")
    assert Strategy.objects.get(pk=world.strategy.pk).name_th == world.strategy.name_th


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/plans"),
        ("PATCH", "/strategies/{strategy}"),
        ("POST", "/funding-requests"),
        ("DELETE", "/projects/{need}"),
    ],
)
def test_anonymous_writes_get_401_as_documented(world, method, path):
    # A real browser-less client: CSRF is enforced (the test client skips it by default),
    # and without credentials the answer is 401, not the CSRF check's 403.
    client = Client(enforce_csrf_checks=True)
    url = "/api/v1" + path.format(strategy=world.strategy.pk, need=world.need.pk)
    response = getattr(client, method.lower())(url, data="{}", content_type="application/json")
    assert_error_body(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")

"""Bounded requests on the web pages too (issue 14): a control character in a query string
answers 400 and an over-large form post 413, before any view runs; DEBUG is off by default,
so a 404 never lists the site's URLs."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_control_character_in_a_page_s_query_is_refused():
    response = Client().get("/tracker/?issue=%14")
    assert response.status_code == 400
    assert "อักขระควบคุม" in response.content.decode()


def test_an_oversized_form_post_answers_413():
    body = "username=" + "ก" * (django_settings.PLANLINK_MAX_BODY_BYTES + 1)
    response = Client().post(
        "/accounts/login/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


def test_debug_is_off_unless_asked_for(monkeypatch):
    import importlib

    import planlink.settings as planlink_settings

    monkeypatch.delenv("PLANLINK_DEBUG", raising=False)
    monkeypatch.setenv("PLANLINK_ENV", "development")
    try:
        assert importlib.reload(planlink_settings).DEBUG is False
        monkeypatch.setenv("PLANLINK_DEBUG", "true")
        assert importlib.reload(planlink_settings).DEBUG is True
    finally:
        monkeypatch.delenv("PLANLINK_DEBUG", raising=False)
        importlib.reload(planlink_settings)

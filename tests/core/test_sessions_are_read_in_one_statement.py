"""PlanLink's session store (``planlink.core.sessions``, the base of
``planlink.accounts.sessions``) reads a session with one plain statement and is otherwise
Django's database store: an expired or unknown session reads as empty, signing out ends it,
and the table is Django's own (issue 16's load target)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planlink.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_engine_is_planlinks():
    assert settings.SESSION_ENGINE == "planlink.accounts.sessions"


def test_a_saved_session_is_read_back_in_one_statement():
    store = SessionStore()
    store["ข้อความ"] = "สวัสดี ตำบลบางพระ"
    store.save()
    with CaptureQueriesContext(connection) as captured:
        again = SessionStore(store.session_key)
        assert again["ข้อความ"] == "สวัสดี ตำบลบางพระ"
    assert len(captured.captured_queries) == 1
    assert again.session_key == store.session_key


def test_an_expired_session_reads_as_empty_and_loses_its_key():
    store = SessionStore()
    store["user"] = "42"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    again = SessionStore(store.session_key)
    assert again.get("user") is None
    assert again.session_key is None


def test_an_unknown_or_malformed_key_reads_as_empty():
    assert SessionStore("x" * 32).get("user") is None
    assert SessionStore("short").get("user") is None
    assert SessionStore("'; DROP TABLE django_session; --").get("user") is None
    assert Session.objects.count() == 0


def test_signing_out_ends_the_session(client, django_user_model):
    user = django_user_model.objects.create_user("somchai", password="x-secret-1")
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert SessionStore(key).get("_auth_user_id") == str(user.pk)
    client.post("/accounts/logout/")
    assert SessionStore(key).get("_auth_user_id") is None
    assert not Session.objects.filter(session_key=key).exists()


def test_a_password_change_elsewhere_ends_the_session(client, django_user_model):
    user = django_user_model.objects.create_user("somying", password="x-secret-1")
    client.force_login(user)
    assert int(client.session["_auth_user_id"]) == user.pk
    user.set_password("x-secret-2")
    user.save()
    response = client.get("/province/24/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_clearsessions_removes_the_expired_ones_only():
    from django.core.management import call_command

    kept, expired = SessionStore(), SessionStore()
    for store in (kept, expired):
        store["user"] = "1"
        store.save()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - dt.timedelta(days=1)
    )
    call_command("clearsessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == [kept.session_key]


def test_a_session_decoded_once_is_not_decoded_again_and_each_reader_gets_its_own_copy(
    monkeypatch,
):
    from django.contrib.sessions.backends import base

    store = SessionStore()
    store["_auth_user_id"] = "7"
    store["ภาษา"] = "th"
    store.save()
    SessionStore(store.session_key).load()  # decoded and kept
    calls = []
    real = base.SessionBase.decode
    monkeypatch.setattr(
        base.SessionBase, "decode", lambda self, data: calls.append(data) or real(self, data)
    )
    first = SessionStore(store.session_key)
    assert first["ภาษา"] == "th"
    first["ภาษา"] = "en"  # a change in one request's copy …
    second = SessionStore(store.session_key)
    assert second["ภาษา"] == "th"  # … is not seen by the next reader
    assert calls == []


def test_a_tampered_session_string_is_never_kept_as_valid():
    store = SessionStore()
    store["_auth_user_id"] = "7"
    store.save()
    row = Session.objects.get(session_key=store.session_key)
    Session.objects.filter(pk=row.pk).update(session_data=row.session_data[:-2] + "xx")
    assert SessionStore(store.session_key).get("_auth_user_id") is None
    assert SessionStore(store.session_key).get("_auth_user_id") is None


def test_a_session_holding_a_list_is_not_kept(monkeypatch):
    from django.contrib.sessions.backends import base

    store = SessionStore()
    store["_messages"] = ["บันทึกแล้ว"]
    store.save()
    SessionStore(store.session_key).load()
    calls = []
    real = base.SessionBase.decode
    monkeypatch.setattr(
        base.SessionBase, "decode", lambda self, data: calls.append(data) or real(self, data)
    )
    again = SessionStore(store.session_key)
    again["_messages"].append("อีกข้อความ")
    assert SessionStore(store.session_key)["_messages"] == ["บันทึกแล้ว"]
    assert len(calls) == 2

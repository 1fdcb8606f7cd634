"""A returning signed-in request reads its session and its user (with their grants) in one
statement (``planlink.accounts.sessions``; issue 16's load target), and is still Django's
sign-in in every way that matters: a deactivated, deleted or re-passworded user is signed out
at once, an expired session reads as no one, and a session is never given another user's row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planlink.accounts import sessions

pytestmark = pytest.mark.django_db

HOME = "/"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _statements(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(HOME)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _who(client: Client):
    return client.get(HOME).wsgi_request.user


def test_the_second_request_reads_the_session_and_the_user_together(people):
    officer = _signed_in(people["province"])
    _statements(officer)  # the first time: the session, then the user
    found = _statements(officer)
    session_reads = [sql for sql in found if 'FROM "django_session"' in sql]
    assert len(session_reads) == 1
    assert 'FROM "auth_user"' in session_reads[0]
    assert not any(sql.startswith('SELECT "auth_user"') for sql in found)
    user = _who(officer)
    assert user.pk == people["province"].pk
    assert user.get_username() == people["province"].get_username()


def test_a_deactivated_user_is_signed_out_on_the_next_request(people):
    officer = _signed_in(people["province"])
    _who(officer)
    _who(officer)
    type(people["province"]).objects.filter(pk=people["province"].pk).update(is_active=False)
    assert not _who(officer).is_authenticated


def test_a_changed_password_signs_the_session_out(people):
    officer = _signed_in(people["district"])
    _who(officer)
    assert _who(officer).is_authenticated
    user = type(people["district"]).objects.get(pk=people["district"].pk)
    user.set_password("รหัสใหม่-2570")
    user.save()
    assert not _who(officer).is_authenticated


def test_a_deleted_user_reads_as_no_one(people):
    officer = _signed_in(people["tambon"])
    _who(officer)
    type(people["tambon"]).objects.filter(pk=people["tambon"].pk).delete()
    assert not _who(officer).is_authenticated


def test_an_expired_session_reads_as_no_one(people):
    officer = _signed_in(people["village"])
    _who(officer)
    key = officer.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    assert not _who(officer).is_authenticated


def test_a_wrong_hint_never_gives_the_session_another_user(people):
    officer = _signed_in(people["province"])
    _who(officer)
    key = officer.cookies[settings.SESSION_COOKIE_NAME].value
    sessions._USER_OF_KEY[key] = str(people["auditor"].pk)  # as if the key had been another's
    user = _who(officer)
    assert user.pk == people["province"].pk
    assert user.get_username() == people["province"].get_username()
    # and the grants are the officer's own: the province's page opens, another's does not
    assert officer.get("/province/24/").status_code == 200
    assert officer.get("/province/50/").status_code == 404

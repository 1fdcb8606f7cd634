"""The few statements every request runs — the session, the signed-in user with their grants,
the roll-ups' version — are prepared once per PostgreSQL connection
(``planlink.core.compiled.hot_cursor``; issue 16's load target), read back exactly as before,
still pass through Django's cursor (query counts and logs see them), and nothing else is
prepared. ``PLANLINK_DB_PREPARED = False`` turns it off. On SQLite the cursor is Django's."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.accounts.backends import ModelBackend
from planlink.core.compiled import hot_cursor
from planlink.core.sessions import SessionStore
from planlink.cycles.models import PlanningCycle
from planlink.rollups.selectors import current_version_with, version

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def _forget_prepared() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # psycopg forgets its own list with it


def _signed_in_request(key: str, user_id: int) -> tuple[object, object]:
    session = SessionStore(key)
    session.load()
    user = ModelBackend().get_user(user_id)
    return session, user


def _officer() -> tuple[str, int]:
    user = get_user_model().objects.create_user("somsri", password="x-secret-1", is_staff=True)
    store = SessionStore()
    store["ข้อความ"] = "สำนักงานจังหวัดฉะเชิงเทรา"
    store.create()
    return store.session_key or "", user.pk


@on_postgresql
def test_the_signed_in_statements_are_prepared_and_read_back_the_same():
    _forget_prepared()
    key, user_id = _officer()
    PlanningCycle.objects.create(fiscal_year=2570)
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            session, user = _signed_in_request(key, user_id)
        # Django's cursor wrapper still sees (and counts) every statement.
        assert len(captured.captured_queries) == 2
        assert 'FROM "django_session"' in captured.captured_queries[0]["sql"]
        assert 'FROM "auth_user"' in captured.captured_queries[1]["sql"]
        found, _ = current_version_with(None, "SELECT 1")
        assert session["ข้อความ"] == "สำนักงานจังหวัดฉะเชิงเทรา"
        assert user.username == "somsri"
        assert user.is_staff is True
        assert user.is_active is True
        assert user.date_joined.tzinfo is not None
        assert found is not None
        assert found[0] == 2570
    prepared = _prepared()
    assert any('FROM "django_session"' in sql for sql in prepared)
    assert any('FROM "auth_user"' in sql for sql in prepared)
    assert any("rollups_cycleversion" in sql for sql in prepared)


@on_postgresql
def test_nothing_but_the_hot_statements_is_prepared():
    _forget_prepared()
    key, user_id = _officer()
    _signed_in_request(key, user_id)
    before = set(_prepared())
    for _ in range(10):  # more than psycopg's automatic threshold (5)
        list(get_user_model().objects.filter(username="somsri").values_list("pk", flat=True))
        version(2570)
    assert set(_prepared()) - before <= {
        sql for sql in _prepared() if "rollups_cycleversion" in sql
    }
    assert not any('WHERE "auth_user"."username" =' in sql for sql in _prepared())


@on_postgresql
def test_off_prepares_nothing(settings):
    settings.PLANLINK_DB_PREPARED = False
    _forget_prepared()  # what earlier tests prepared on this connection
    key, user_id = _officer()
    for _ in range(3):
        session, user = _signed_in_request(key, user_id)
    assert session["ข้อความ"] == "สำนักงานจังหวัดฉะเชิงเทรา"
    assert user.pk == user_id
    assert _prepared() == []


@on_postgresql
def test_an_error_in_a_prepared_statement_is_django_s_error_and_the_connection_goes_on():
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), hot_cursor() as cursor:
        cursor.execute("SELECT 1 / (%s - 1)", [1])
    with hot_cursor() as cursor:
        cursor.execute("SELECT 1 / (%s - 1)", [2])
        assert cursor.fetchone() == (1,)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite")
def test_elsewhere_the_cursor_is_djangos():
    with hot_cursor() as cursor:
        cursor.execute("SELECT %s", ["ตำบลบางพระ"])
        assert cursor.fetchone() == ("ตำบลบางพระ",)

"""Signing in with a username and password: Django's ``ModelBackend``, with the signed-in
user — and their grants — read on each request by one statement compiled once per process
(:mod:`planlink.core.compiled`; issue 16's load target), usually the same statement that reads
the session (:mod:`planlink.accounts.sessions`). Who may sign in, the password check, the
session's check against the password and the permissions are Django's, unchanged."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib.auth import backends, get_user_model
from django.db.models import QuerySet


def _attnames() -> list[str]:
    return [field.attname for field in get_user_model()._meta.concrete_fields]


def _user_with_grants(pk: Any) -> QuerySet[Any]:
    from planlink.accounts.access.core import USER_GRANT_COLUMNS

    # One row per assignment (a user with none: one row of NULL grant columns).
    return (
        get_user_model()
        ._default_manager.filter(pk=pk)
        .values_list(*_attnames(), *USER_GRANT_COLUMNS)
        .order_by()
    )


_USER_QUERY = ("accounts.user", _user_with_grants, (-424243,))


def session_with_user(
    session_sql: str, params: list[Any], user_id: Any
) -> tuple[str | None, list[tuple[Any, ...]]] | None:
    """The session's data (``None`` when ``session_sql`` finds no row) and the rows of
    ``user_id`` with their grants, as :meth:`ModelBackend.get_user` reads them — in one
    statement: the user's, with the session read as a column in front of it. ``None`` when the
    user is not there (no row to carry the session: read it on its own)."""
    from planlink.core.compiled import compiled_statement, hot_cursor, read_back

    statement = compiled_statement(*_USER_QUERY)
    if not statement.sql.startswith("SELECT ") or statement.sql.startswith("SELECT DISTINCT"):
        return None
    with hot_cursor() as cursor:
        cursor.execute(f"SELECT ({session_sql}), {statement.sql[7:]}", [*params, user_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    return rows[0][0], read_back(statement, rows, skip=1)


# The user's rows read with this request's session (``planlink.accounts.sessions``), taken
# by the first ``get_user`` of the same user in the same request.
_READ_WITH_SESSION: ContextVar[tuple[str, list[tuple[Any, ...]]] | None] = ContextVar(
    "planlink_user_read_with_session", default=None
)


def keep_read_with_session(user_id: str | None, rows: list[tuple[Any, ...]] | None) -> None:
    """Hold (or, with ``None``, drop) the rows of ``user_id`` read with the session."""
    _READ_WITH_SESSION.set(None if user_id is None or rows is None else (user_id, rows))


def _take_read_with_session(user_id: Any) -> list[tuple[Any, ...]] | None:
    held = _READ_WITH_SESSION.get()
    if held is None:
        return None
    _READ_WITH_SESSION.set(None)
    held_id, rows = held
    return rows if held_id == str(user_id) else None


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        from planlink.accounts.access.core import access_with_grants, grants_from_rows
        from planlink.core.compiled import compiled_rows

        rows = _take_read_with_session(user_id)
        if rows is None:
            rows = compiled_rows(*_USER_QUERY, (user_id,))
        if not rows:
            return None
        names = _attnames()
        user = get_user_model().from_db("default", names, list(rows[0][: len(names)]))
        if not self.user_can_authenticate(user):
            return None
        grants = grants_from_rows(
            (row[len(names) :] for row in rows), is_superuser=user.is_superuser
        )
        access_with_grants(user, grants)
        return user

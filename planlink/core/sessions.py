"""The database session store, read with one plain statement (issue 16's load target).

Django's own store (``django.contrib.sessions.backends.db``) reads a session through the ORM
on every signed-in request; building that query cost as much as the rest of a kept dashboard.
This store reads the same row with the same conditions (the key, not expired) as plain SQL and
is otherwise Django's: saving, expiring, flushing on sign-out and ``clearsessions`` are
unchanged, and so is the table. ``SESSION_ENGINE`` names its subclass
:mod:`planlink.accounts.sessions`, which reads the signed-in user in the same statement.

A signed-in visitor's session row reads the same on each request, so the process keeps what
each signed string decoded to (:func:`decode`): the signature is checked the first time, and
the same string can only decode to the same values. Only sessions of plain values (a sign-in's
user id, backend and hash, the language) are kept, and each request gets a copy of its own.
"""

from __future__ import annotations

from typing import Any, Final

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from planlink.core.compiled import hot_cursor

# Decoded sessions kept by this process, by their signed string; emptied when full.
_DECODED: dict[bytes | str, dict[str, Any]] = {}
DECODED_LIMIT: Final = 20_000
_PLAIN = (str, int, float, bool, type(None))


class SessionStore(db.SessionStore):
    def decode(self, session_data: bytes | str) -> dict[str, Any]:
        """Django's decode (signature checked, ``{}`` when it fails), kept per signed string."""
        kept = _DECODED.get(session_data)
        if kept is not None:
            return dict(kept)
        decoded: dict[str, Any] = super().decode(session_data)
        if decoded and all(isinstance(value, _PLAIN) for value in decoded.values()):
            if len(_DECODED) >= DECODED_LIMIT:
                _DECODED.clear()
            _DECODED[session_data] = dict(decoded)
        return decoded

    def _get_session_from_db(self) -> Any:
        key = self.session_key  # None when the cookie's key is not a valid one
        if not key:
            self._session_key = None
            return None
        using = router.db_for_read(self.model)
        with hot_cursor(using) as cursor:
            cursor.execute(session_row_sql(using), [key, expiry_now(using)])
            found = cursor.fetchone()
        return self._row(key, found[0] if found else None)

    def _row(self, key: str, session_data: str | None) -> Any:
        """The session row read (``None``: unknown or expired, and the key is dropped)."""
        if session_data is None:
            self._session_key = None
            return None
        return self.model(session_key=key, session_data=session_data)


def session_row_sql(using: str) -> str:
    """The statement reading a session's data by its key (``%s``) if not expired (``%s``)."""
    quote = connections[using].ops.quote_name
    table = quote(SessionStore.get_model_class()._meta.db_table)
    return (
        f"SELECT {quote('session_data')} FROM {table}"  # noqa: S608 — Django's own table
        f" WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
    )


def expiry_now(using: str) -> Any:
    """Now, as the database compares it with a session's expiry."""
    return connections[using].ops.adapt_datetimefield_value(timezone.now())

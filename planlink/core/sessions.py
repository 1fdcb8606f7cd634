"""The database session store, read with one plain statement (issue 16's load target).

Django's own store (``django.contrib.sessions.backends.db``) reads a session through the ORM
on every signed-in request; building that query cost as much as the rest of a kept dashboard.
This store reads the same row with the same conditions (the key, not expired) as plain SQL and
is otherwise Django's: saving, expiring, flushing on sign-out and ``clearsessions`` are
unchanged, and so is the table. ``SESSION_ENGINE = "planlink.core.sessions"``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from planlink.core.compiled import hot_cursor


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        key = self.session_key  # None when the cookie's key is not a valid one
        if not key:
            self._session_key = None
            return None
        model = self.model
        using = router.db_for_read(model)
        connection = connections[using]
        quote = connection.ops.quote_name
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with hot_cursor(using) as cursor:
            cursor.execute(
                f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)}"  # noqa: S608 — Django's own table
                f" WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s",
                [key, now],
            )
            found = cursor.fetchone()
        if found is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=found[0])

"""The session and its signed-in user read in one statement (issue 16's load target).

``SESSION_ENGINE = "planlink.accounts.sessions"``: PlanLink's session store
(:mod:`planlink.core.sessions`: one plain statement, decoded strings kept), which also
remembers, per session key, the user the session last decoded to. When a request brings a key
it knows, the session row and that user's row with their grants are read by one statement
(:func:`planlink.accounts.backends.session_with_user`) instead of two, and the sign-in backend
takes the user's rows from it — but only when the session, once decoded and its signature
checked, names that same user; otherwise the backend reads the user itself. Django then checks
the session against the user's password hash as always. Nothing is kept between requests but
the hint of which user a key belonged to: the rows are read afresh on every request.
"""

from __future__ import annotations

from typing import Any, Final

from django.contrib.auth import SESSION_KEY
from django.db import router

from planlink.accounts.backends import keep_read_with_session, session_with_user
from planlink.core import sessions

# Session key → the user id (as the session stores it) it last decoded to; emptied when full.
_USER_OF_KEY: dict[str, str] = {}
HINTS_LIMIT: Final = 20_000


class SessionStore(sessions.SessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        keep_read_with_session(None, None)  # a request's own store: nothing read for it yet
        super().__init__(session_key)

    def decode(self, session_data: bytes | str) -> dict[str, Any]:
        decoded = super().decode(session_data)
        user_id, key = decoded.get(SESSION_KEY), self.session_key
        if isinstance(user_id, str) and key and _USER_OF_KEY.get(key) != user_id:
            if len(_USER_OF_KEY) >= HINTS_LIMIT:
                _USER_OF_KEY.clear()
            _USER_OF_KEY[key] = user_id
        return decoded

    def _get_session_from_db(self) -> Any:
        key = self.session_key
        hint = _USER_OF_KEY.get(key) if key else None
        if not key or hint is None or not hint.isdigit():
            return super()._get_session_from_db()
        using = router.db_for_read(self.model)
        found = session_with_user(
            sessions.session_row_sql(using), [key, sessions.expiry_now(using)], int(hint)
        )
        if found is None:  # that user is gone: the session alone
            return super()._get_session_from_db()
        session_data, user_rows = found
        if session_data is not None:
            keep_read_with_session(hint, user_rows)
        return self._row(key, session_data)

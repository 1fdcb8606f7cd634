"""Signing in with a username and password: Django's ``ModelBackend``, with the signed-in
user — and their grants — read on each request by one statement compiled once per process
(:mod:`planlink.core.compiled`; issue 16's load target). Who may sign in, the password check
and the permissions are Django's, unchanged."""

from __future__ import annotations

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


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        from planlink.accounts.access.core import access_with_grants, grants_from_rows
        from planlink.core.compiled import compiled_rows

        rows = compiled_rows("accounts.user", _user_with_grants, (-424243,), (user_id,))
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

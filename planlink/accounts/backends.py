"""Signing in with a username and password: Django's ``ModelBackend``, with the signed-in
user read on each request by a statement compiled once per process
(:mod:`planlink.core.compiled`; issue 16's load target). Who may sign in, the password check
and the permissions are Django's, unchanged."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import backends, get_user_model


def _user(pk: Any) -> Any:
    return get_user_model()._default_manager.filter(pk=pk)


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        from planlink.core.compiled import compiled_object

        user = compiled_object("accounts.user", _user, (-424243,), (user_id,))
        return user if user is not None and self.user_can_authenticate(user) else None

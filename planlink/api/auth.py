"""Who is calling: a personal API token (``Authorization: Bearer pl_…``) or the web session.

The session path is for the web app's own HTMX/JS calls and checks CSRF on
writes (ninja's ``django_auth``); a token needs no CSRF because a browser never
sends it on its own.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from planlink.accounts.tokens import token_user


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>`` checked against the stored SHA-256 hashes."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = token_user(token.strip())
        if user is not None:
            # The rest of Django (audit actor, access) reads request.user.
            request.user = user
        return user


bearer_token = BearerToken()

# Tried in order: a token first, then the signed-in session.
API_AUTH = [bearer_token, django_auth]


def caller(request: HttpRequest) -> Any:
    """The authenticated user, or Django's anonymous user on public endpoints."""
    user = getattr(request, "auth", None)
    return user if user is not None else request.user

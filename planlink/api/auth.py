"""Who is calling: a personal API token (``Authorization: Bearer pl_…``) or the web session.

The session path is for the web app's own HTMX/JS calls and checks CSRF on
writes (ninja's ``django_auth``); a token needs no CSRF because a browser never
sends it on its own.

Guessing is slowed down: after ``PLANLINK_API_RATE_BAD_TOKENS`` refused tokens from one
address, that address gets **429** with ``Retry-After`` (even for a good token) until the
window passes. A call without credentials answers **401**, also for writes (the CSRF check
only matters once a session is signed in).
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.throttling import SimpleRateThrottle

from planlink.accounts.tokens import token_user


class FailedTokens:
    """A sliding window of refused tokens per client address, in the shared cache."""

    def __init__(self, rate: str | None = None) -> None:
        rate = rate or settings.PLANLINK_API_RATE_BAD_TOKENS
        limit, seconds = SimpleRateThrottle.parse_rate(SimpleRateThrottle, rate)  # type: ignore[arg-type]
        self.limit = int(limit or 0)
        self.seconds = int(seconds or 60)

    def _key(self, request: HttpRequest) -> str:
        return f"planlink_bad_tokens_{request.META.get('REMOTE_ADDR', '')}"

    def _recent(self, request: HttpRequest, now: float) -> list[float]:
        return [
            moment for moment in cache.get(self._key(request), []) if moment > now - self.seconds
        ]

    def check(self, request: HttpRequest) -> None:
        """Raise ``Throttled`` when this address used up its refused tokens."""
        now = time.time()
        recent = self._recent(request, now)
        if self.limit and len(recent) >= self.limit:
            raise Throttled(wait=max(1, int(min(recent) + self.seconds - now) + 1))

    def record(self, request: HttpRequest) -> None:
        now = time.time()
        recent = self._recent(request, now)
        recent.append(now)
        cache.set(self._key(request), recent, self.seconds)


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>`` checked against the stored SHA-256 hashes."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        failures = FailedTokens()
        failures.check(request)
        user = token_user(token.strip())
        if user is None:
            failures.record(request)
        if user is not None:
            # The rest of Django (audit actor, access) reads request.user.
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The web session; CSRF is checked for a signed-in user only (anonymous → 401, not 403).

    Same class name as ninja's: OpenAPI names the security scheme after it (a published contract).
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)


bearer_token = BearerToken()
session_auth = SessionAuth()

# Tried in order: a token first, then the signed-in session.
API_AUTH = [bearer_token, session_auth]


def caller(request: HttpRequest) -> Any:
    """The authenticated user, or Django's anonymous user on public endpoints."""
    user = getattr(request, "auth", None)
    return user if user is not None else request.user

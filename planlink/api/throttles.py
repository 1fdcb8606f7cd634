"""API throttles whose rates come from settings at each request (so an operator's
``PLANLINK_API_RATE_*`` and a test's ``settings`` fixture both apply at once).

Every refusal is **429** with ``Retry-After`` and the API's JSON error body
(``planlink.api.api.on_throttled``). Counters live in the default cache, which all server
processes share in production (``settings.CACHES``).
"""

from __future__ import annotations

import copy
import hashlib
import threading

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle


class SettingsRateThrottle(SimpleRateThrottle):
    """A ``SimpleRateThrottle`` whose rate is the setting named by ``rate_setting``.

    One instance serves every thread of a server process: each request is counted on a
    private copy (ninja's throttles keep the request's history on the instance), and the
    wait it computed is kept per thread for ``wait()``.
    """

    rate_setting = ""
    _waits = threading.local()

    def __init__(self) -> None:
        super().__init__(rate=self.current_rate())

    def current_rate(self) -> str:
        return str(getattr(settings, self.rate_setting))

    def allow_request(self, request: HttpRequest) -> bool:
        counter = copy.copy(self)
        counter.rate = self.current_rate()
        counter.num_requests, counter.duration = self.parse_rate(counter.rate)
        allowed = SimpleRateThrottle.allow_request(counter, request)
        setattr(self._waits, str(id(self)), None if allowed else SimpleRateThrottle.wait(counter))
        return allowed

    def wait(self) -> float | None:
        return getattr(self._waits, str(id(self)), None)

    def client(self, request: HttpRequest) -> str:
        return str(request.META.get("REMOTE_ADDR", ""))

    @staticmethod
    def signed_in(request: HttpRequest) -> str | None:
        auth = getattr(request, "auth", None)
        user = auth if auth is not None else getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return str(user.pk)
        return None


class AnonymousThrottle(SettingsRateThrottle):
    """Callers without credentials, per address (``PLANLINK_API_RATE_ANON``)."""

    scope = "planlink_anon"
    rate_setting = "PLANLINK_API_RATE_ANON"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if self.signed_in(request) is not None:
            return None
        return f"throttle_{self.scope}_{self.client(request)}"


class UserThrottle(SettingsRateThrottle):
    """Signed-in callers (token or session), per user (``PLANLINK_API_RATE_USER``)."""

    scope = "planlink_user"
    rate_setting = "PLANLINK_API_RATE_USER"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = self.signed_in(request)
        if user is None:
            return None
        return f"throttle_{self.scope}_{hashlib.sha256(user.encode()).hexdigest()[:16]}"


class DocumentsThrottle(SettingsRateThrottle):
    """Generating files is expensive: per user or address (``PLANLINK_API_RATE_DOCUMENTS``)."""

    scope = "planlink_documents"
    rate_setting = "PLANLINK_API_RATE_DOCUMENTS"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        who = self.signed_in(request) or f"address-{self.client(request)}"
        return f"throttle_{self.scope}_{hashlib.sha256(who.encode()).hexdigest()[:16]}"


def default_throttles() -> list[BaseThrottle]:
    return [AnonymousThrottle(), UserThrottle()]


def documents_throttles() -> list[BaseThrottle]:
    """The documents router: its own budget on top of the per-caller ones."""
    return [AnonymousThrottle(), UserThrottle(), DocumentsThrottle()]

"""The CSRF token of a kept page, masked as Django masks it but with one read of randomness.

Django's ``get_token`` masks the visitor's secret afresh on each call (so a compressed page
never carries the same token twice), drawing the 32-character mask one character at a time
from the operating system: about 35 µs, a twentieth of a kept dashboard's whole cost (issue
16's load target). :func:`page_token` gives the same kind of token — a mask of 32 characters
of ``CSRF_ALLOWED_CHARS``, each uniform, then the secret shifted by it — from one 48-byte read
(bytes ≥ 248 are skipped so each character stays uniform), with ``get_token``'s side effects:
the cookie is renewed, or made when the visitor has none.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

_CHARS = CSRF_ALLOWED_CHARS
_INDEX = {char: index for index, char in enumerate(_CHARS)}
_USABLE = 256 - 256 % len(_CHARS)  # 248: the bytes that map evenly onto 62 characters


def _mask() -> list[int] | None:
    mask = [byte % len(_CHARS) for byte in secrets.token_bytes(48) if byte < _USABLE]
    return mask[:CSRF_SECRET_LENGTH] if len(mask) >= CSRF_SECRET_LENGTH else None


def page_token(request: HttpRequest) -> str:
    """What ``django.middleware.csrf.get_token(request)`` returns, masked more cheaply."""
    secret = request.META.get("CSRF_COOKIE")
    valid = (
        isinstance(secret, str)
        and len(secret) == CSRF_SECRET_LENGTH
        and all(char in _INDEX for char in secret)
    )
    mask = _mask() if valid else None
    if not isinstance(secret, str) or mask is None:
        return get_token(request)  # no cookie yet (Django makes one), or 48 bytes were short
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as get_token: renew the cookie
    cipher = "".join(
        _CHARS[(_INDEX[char] + shift) % len(_CHARS)]
        for char, shift in zip(secret, mask, strict=True)
    )
    return "".join(_CHARS[shift] for shift in mask) + cipher

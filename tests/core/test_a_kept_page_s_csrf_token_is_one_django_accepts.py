"""A kept page's CSRF token (``planlink.core.csrf.page_token``) is the kind Django's
``get_token`` gives: it unmasks to the visitor's secret, is masked afresh each time, renews
the cookie, and a form posted with it passes Django's CSRF check (issue 16's load target)."""

from __future__ import annotations

from collections import Counter

from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_TOKEN_LENGTH,
    _does_token_match,
    _get_new_csrf_string,
    _unmask_cipher_token,
)
from django.test import RequestFactory

from planlink.core.csrf import page_token


def _request(secret: str | None = None):
    request = RequestFactory().get("/province/24/")
    if secret is not None:
        request.META["CSRF_COOKIE"] = secret
    return request


def test_the_token_unmasks_to_the_visitor_s_secret_and_renews_the_cookie():
    secret = _get_new_csrf_string()
    request = _request(secret)
    token = page_token(request)
    assert len(token) == CSRF_TOKEN_LENGTH
    assert set(token) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert _does_token_match(token, secret)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_each_call_masks_afresh_and_every_character_can_be_drawn():
    secret = _get_new_csrf_string()
    tokens = {page_token(_request(secret)) for _ in range(400)}
    assert len(tokens) == 400
    drawn = Counter(char for token in tokens for char in token[:32])
    assert set(drawn) == set(CSRF_ALLOWED_CHARS)
    # uniform: 12,800 draws over 62 characters, about 206 each
    assert min(drawn.values()) > 120
    assert max(drawn.values()) < 300


def test_a_visitor_without_a_cookie_gets_one_as_django_makes_it():
    request = _request()
    token = page_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True

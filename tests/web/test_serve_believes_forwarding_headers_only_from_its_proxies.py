"""``planlink serve`` (issue 14): X-Forwarded-For/-Proto are believed only from the addresses in
PLANLINK_TRUSTED_PROXIES (addresses or networks); from anyone else they are removed, so a
client can neither claim HTTPS nor pick the address the lockout and throttles count."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from planlink.web.management.commands.serve import behind_proxies


def seen_by_django(proxies: list[str], peer: str, **headers: str) -> dict:
    seen: dict = {}

    def application(environ, start_response):
        seen.update(environ)
        return [b""]

    environ = {
        "REMOTE_ADDR": peer,
        "wsgi.url_scheme": "http",
        "HTTP_HOST": "planlink.example.go.th",
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    behind_proxies(application, proxies)(environ, lambda *args: None)
    return seen


def test_the_trusted_proxy_s_headers_give_the_scheme_and_the_client():
    seen = seen_by_django(
        ["127.0.0.1"], "127.0.0.1", X_FORWARDED_PROTO="https", X_FORWARDED_FOR="203.0.113.7"
    )
    assert seen["wsgi.url_scheme"] == "https"
    assert seen["REMOTE_ADDR"] == "203.0.113.7"


def test_a_network_of_proxies_is_trusted():
    seen = seen_by_django(["10.0.0.0/24"], "10.0.0.9", X_FORWARDED_PROTO="https")
    assert seen["wsgi.url_scheme"] == "https"


def test_anyone_else_s_forwarding_headers_are_removed():
    seen = seen_by_django(
        ["127.0.0.1"], "198.51.100.4", X_FORWARDED_PROTO="https", X_FORWARDED_FOR="10.9.9.9"
    )
    assert seen["wsgi.url_scheme"] == "http"
    assert seen["REMOTE_ADDR"] == "198.51.100.4"
    assert "HTTP_X_FORWARDED_PROTO" not in seen
    assert "HTTP_X_FORWARDED_FOR" not in seen


def test_without_proxies_nobody_is_believed():
    seen = seen_by_django([], "127.0.0.1", X_FORWARDED_PROTO="https")
    assert seen["wsgi.url_scheme"] == "http"
    assert "HTTP_X_FORWARDED_PROTO" not in seen


def test_a_typo_in_the_proxy_list_stops_the_server():
    with pytest.raises(CommandError, match="PLANLINK_TRUSTED_PROXIES"):
        behind_proxies(lambda environ, start_response: [], ["127.0.0.l"])

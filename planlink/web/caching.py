"""HTTP caching of the public tracker, versioned by the roll-ups (issue 16).

Every number on the public pages comes from the roll-up tables, and every refresh of a
cycle's roll-ups bumps its version (``planlink.rollups.models.CycleVersion``). So a page
or a JSON answer is the same as long as the version, the address, the language and the
day (lateness counts from today) are: that is its ``ETag``; ``Last-Modified`` is when the
roll-ups were last refreshed. A conditional request that matches gets ``304 Not Modified``
without computing anything.

- Public JSON (map values, funnel): ``Cache-Control: public, max-age=60`` — the same for
  everyone, any cache may keep it.
- Public pages: ``Cache-Control: private, no-cache`` — the page carries the visitor's CSRF
  token (language switch), so only the visitor's own browser keeps it and revalidates it
  (the ETag covers the CSRF cookie too).
- Signed-in visitors: ``Cache-Control: private, no-cache`` and no ETag; never shared.

The server keeps what it rendered, too (issue 16's load target): a public page or JSON asked
by a visitor who is certainly signed out (no session cookie, no pending message) is rendered
once per version, address, language and day in each server process (``CACHES["pages"]``, a
local-memory cache: processes share nothing, and each one's copies are keyed by the
version, so none can serve an old number after a refresh it reads). A hit costs the version
read and a dictionary look-up; in production the process keeps the version itself for a second
(``PLANLINK_VERSION_SECONDS``, ``rollups.selectors.current_version``), so most hits cost no
database round trip at all. The page's CSRF token (language switch) is not stored: the
copy keeps a placeholder and each visitor gets a token of their own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from planlink.accounts.access import access_for
from planlink.core.csrf import page_token
from planlink.rollups.selectors import current_version, current_version_with, version

JSON_MAX_AGE = 60
PAGES = "pages"
# Stands for the visitor's CSRF token in a stored page (never a real token: it has a dash).
CSRF_PLACEHOLDER = b"planlink-csrf-token-placeholder"
_CSRF_META = re.compile(rb'<meta name="csrf-token" content="([^"]+)">')
MESSAGES_COOKIE = "messages"
SESSION_MESSAGES = "_messages"  # django.contrib.messages SessionStorage.session_key


def page_cache_seconds() -> int:
    """How long a process keeps a rendered public page (0: not at all)."""
    return int(getattr(settings, "PLANLINK_PAGE_CACHE_SECONDS", 0))


def surely_signed_out(request: HttpRequest) -> bool:
    """No session and no message waiting: the response cannot depend on who asks (without
    reading the session). A visitor with a session cookie is rendered as before."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _key(kind: str, parts: list[str]) -> str:
    """A store key: ``kind`` and a digest of the parts a kept copy depends on."""
    return f"{kind}:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _page_key(
    request: HttpRequest, cycle_id: int, number: int, refreshed: dt.datetime, *, page: bool
) -> str:
    parts = [
        "page" if page else "json",
        str(cycle_id),
        str(number),
        refreshed.isoformat(),  # a database made anew restarts the numbers, never the time
        request.get_full_path(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        request.headers.get("HX-Request", ""),
    ]
    return _key("public", parts)


def _stored(response: HttpResponse, *, page: bool) -> dict[str, Any] | None:
    """What to keep of a fresh response (``None``: not storable). A page's CSRF token is
    replaced by a placeholder: it belongs to the visitor it was rendered for."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    content = response.content
    if page:
        found = _CSRF_META.search(content)
        if found is None:
            return None
        content = content.replace(found.group(1), CSRF_PLACEHOLDER)
    return {"content": content, "content_type": response["Content-Type"]}


def _from_store(request: HttpRequest, stored: dict[str, Any], *, page: bool) -> HttpResponse:
    content = stored["content"]
    if page:  # this visitor's own token (and its cookie, as a rendered page would set)
        content = content.replace(CSRF_PLACEHOLDER, page_token(request).encode())
    return HttpResponse(content, content_type=stored["content_type"])


def _etag(request: HttpRequest, cycle_id: int, number: int, *, page: bool) -> str:
    parts = [
        str(cycle_id),
        str(number),
        request.get_full_path(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        request.headers.get("HX-Request", ""),
    ]
    if page:
        parts.append(request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""))
    return 'W/"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'


def public_conditional_current(
    request: HttpRequest, build: Callable[[], HttpResponse], *, page: bool
) -> HttpResponse:
    """``build()`` the response, or answer 304 when the visitor's copy is still current, for the
    cycle the request shows (``?cycle=`` or the newest): the year and its version in one query
    — all a kept copy or a 304 costs. Signed-in pages are built and marked private."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return _private(build())
    wanted = request.GET.get("cycle", "")
    found = current_version(int(wanted) if wanted.isdigit() and len(wanted) <= 4 else None)
    if found is None:
        return _private(build())
    cycle_id, number, refreshed = found
    return _conditional(request, cycle_id, number, refreshed, build, page=page)


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _conditional(
    request: HttpRequest,
    cycle_id: int,
    number: int,
    refreshed: dt.datetime | None,
    build: Callable[[], HttpResponse],
    *,
    page: bool,
) -> HttpResponse:
    etag = _etag(request, cycle_id, number, page=page)
    modified = int(refreshed.timestamp()) if refreshed is not None else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        # Keep the stored copy's own Content-Security-Policy (its nonce matches its body).
        not_modified._csp_exempt = True  # type: ignore[attr-defined]
        _mark(not_modified, page=page)
        return not_modified
    response = _cached_build(request, cycle_id, number, refreshed, build, page=page)
    if response.status_code == 200:
        response["ETag"] = etag
        if modified is not None:
            response["Last-Modified"] = http_date(modified)
    _mark(response, page=page)
    return response


def _mark(response: HttpResponse, *, page: bool) -> None:
    if page:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=JSON_MAX_AGE)


def _cached_build(
    request: HttpRequest,
    cycle_id: int,
    number: int,
    refreshed: dt.datetime | None,
    build: Callable[[], HttpResponse],
    *,
    page: bool,
) -> HttpResponse:
    """``build()``, or this process's copy of the same version, address and language."""
    seconds = page_cache_seconds()
    if seconds <= 0 or refreshed is None or not surely_signed_out(request):
        return build()
    key = _page_key(request, cycle_id, number, refreshed, page=page)
    return _kept(request, key, seconds, build, page=page)


def _kept(
    request: HttpRequest,
    key: str,
    seconds: int,
    build: Callable[[], HttpResponse],
    *,
    page: bool,
) -> HttpResponse:
    """The process's copy under ``key``, or ``build()`` and keep it for ``seconds``."""
    store = caches[PAGES]
    stored = store.get(key)
    if stored is not None:
        return _from_store(request, stored, page=page)
    response = build()
    kept = _stored(response, page=page)
    if kept is not None:
        store.set(key, kept, seconds)
    return response


def area_figures(
    area_code: str, cycle: Any, compute: Callable[[], Any], *, part: str = "dashboard"
) -> Any:
    """The figures of an area's dashboard (``compute()``; ``part`` names which), kept per
    process by the cycle's roll-up version, the language and the day. They must not depend on who asks: the caller
    has checked access already, and the user's own parts of the page (name, forms, CSRF
    token, plans they may open) are never part of them."""
    seconds = page_cache_seconds()
    if seconds <= 0:
        return compute()
    number, refreshed = version(cycle.pk)
    if refreshed is None:
        return compute()
    parts = [
        "figures",
        part,
        area_code,
        str(cycle.pk),
        str(number),
        refreshed.isoformat(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
    ]
    key = _key("figures", parts)
    store = caches[PAGES]
    found = store.get(key)
    if found is None:
        found = compute()
        store.set(key, found, seconds)
    return found


# A signed-in page is kept for a minute at most (a public one for PLANLINK_PAGE_CACHE_SECONDS):
# the audit mark below can miss a change committed out of id order by a concurrent writer.
SIGNED_IN_SECONDS = 60


def _audit_mark_sql() -> str:
    """The newest audit entry's id, as SQL: every service that changes a plan, project,
    referral, decision, funding, committee list, frame or assignment writes one
    (``audit_record``)."""
    from planlink.audit.models import AuditEntry

    return f"SELECT MAX(id) FROM {connection.ops.quote_name(AuditEntry._meta.db_table)}"


def _messages_waiting(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return MESSAGES_COOKIE in request.COOKIES or bool(
        session is not None and session.get(SESSION_MESSAGES)
    )


def kept_for_user(request: HttpRequest, build: Callable[[], HttpResponse]) -> HttpResponse:
    """A signed-in workspace page (the district and province dashboards), ``build()`` once and
    kept in this process for the same user and grants, year, roll-up version, newest audit
    entry, address, language and day — for :data:`SIGNED_IN_SECONDS` at most.

    Call it after the access check. The copy is the user's own (never served to anyone else,
    never to a shared cache: ``private, no-cache``); its CSRF token is stored as a placeholder
    and each request gets a fresh one. Whatever the page shows that a person can change goes
    through a service that writes an audit entry (a new key) or moves the roll-ups (a new
    version); a waiting message, a POST or a zero ``PLANLINK_PAGE_CACHE_SECONDS`` builds the
    page as before."""
    user = request.user
    seconds = min(page_cache_seconds(), SIGNED_IN_SECONDS)
    if (
        seconds <= 0
        or request.method not in ("GET", "HEAD")
        or not user.is_authenticated
        or _messages_waiting(request)
    ):
        return build()
    wanted = request.GET.get("cycle", "")
    # The year, its version and the newest audit entry in one statement.
    found, mark = current_version_with(
        int(wanted) if wanted.isdigit() and len(wanted) <= 4 else None, _audit_mark_sql()
    )
    if found is None:
        return build()
    cycle_id, number, refreshed = found
    if refreshed is None:
        return build()
    grants = sorted(repr(grant) for grant in access_for(user).grants)
    parts = [
        "user",
        str(user.pk),
        user.get_username(),
        user.get_full_name(),
        f"{int(user.is_superuser)}{int(user.is_staff)}",
        *grants,
        str(cycle_id),
        str(number),
        refreshed.isoformat(),
        str(int(mark or 0)),
        request.get_full_path(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        request.headers.get("HX-Request", ""),
    ]
    return _private(_kept(request, _key("signed-in", parts), seconds, build, page=True))

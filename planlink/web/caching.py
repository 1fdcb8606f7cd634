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
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from planlink.rollups.selectors import version

JSON_MAX_AGE = 60


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


def public_conditional(
    request: HttpRequest, cycle_id: int | None, build: Callable[[], HttpResponse], *, page: bool
) -> HttpResponse:
    """``build()`` the response, or answer 304 when the visitor's copy is still current."""
    user = getattr(request, "user", None)
    if cycle_id is None or (user is not None and user.is_authenticated):
        response = build()
        patch_cache_control(response, private=True, no_cache=True)
        return response
    number, refreshed = version(cycle_id)
    etag = _etag(request, cycle_id, number, page=page)
    modified = int(refreshed.timestamp()) if refreshed is not None else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        # Keep the stored copy's own Content-Security-Policy (its nonce matches its body).
        not_modified._csp_exempt = True  # type: ignore[attr-defined]
        _mark(not_modified, page=page)
        return not_modified
    response = build()
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

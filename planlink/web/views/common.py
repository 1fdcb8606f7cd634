"""What every view shares: domain errors → HTTP, rendering with the workspace context."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from planlink.core.errors import DomainError, NotFound, PermissionDenied
from planlink.web.templatetags.planlink_format import message_of
from planlink.web.workspace import workspace_context

View = Callable[..., HttpResponse]


def domain_view(view: View) -> View:
    """Signed-in only; ``NotFound`` → 404 (missing and forbidden alike), ``PermissionDenied`` → 403."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message_en) from None
        except PermissionDenied as error:
            return render(
                request,
                "web/forbidden.html",
                workspace_context(request, error=error, message=message_of(error)),
                status=403,
            )

    return login_required(wrapper)


def page(
    request: HttpRequest, template: str, nav_key: str = "", status: int = 200, **context: Any
) -> HttpResponse:
    """Render ``template`` with the workspace context plus ``context``.

    A signed-in page is the user's own: ``Cache-Control: private`` (never in a shared cache).
    """
    response = render(
        request, template, workspace_context(request, nav_key, **context), status=status
    )
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def error_text(error: DomainError) -> str:
    """The error in the active language, for a message box next to the form."""
    return message_of(error)

"""The ``NinjaAPI`` instance: authentication, the error body, offline docs, and the routers.

* ``/api/v1/openapi.json`` — the OpenAPI schema; ``/api/v1/docs`` — Swagger UI served
  from django-ninja's own static files (no CDN; government networks are often offline).
* Every error is ``{"code", "message_th", "message_en", "details"?}`` with the status
  of the :class:`~planlink.core.errors.DomainError` that caused it — in every mode: an
  unexpected exception is a JSON 500 (logged), too-many-calls a JSON 429 with ``Retry-After``,
  an over-large body a JSON 413 (``planlink.core.requestlimits`` catches the rest).
* Throttles: anonymous callers per address, signed-in callers per user
  (``PLANLINK_API_RATE_ANON`` / ``PLANLINK_API_RATE_USER``); the documents router has its own.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import math
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer

from planlink.api.auth import API_AUTH
from planlink.api.throttles import default_throttles
from planlink.core.errors import DomainError

logger = logging.getLogger(__name__)


class ThaiJSONRenderer(JSONRenderer):
    """UTF-8 Thai in the body (``"ก่อสร้าง"``), not ``\\u0e01…`` escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="PlanLink API",
    version="1",
    description=(
        "ระบบเชื่อมโยงและบูรณาการแผนพัฒนาในระดับพื้นที่ — JSON API. "
        "Authenticate with `Authorization: Bearer <token>` (`planlink tokens create --user NAME`) "
        "or the web session (CSRF header on writes). Money is a string with two decimals "
        "(baht); dates are ISO 8601 (A.D.). Errors: `{code, message_th, message_en, details?}`."
    ),
    urls_namespace="api-v1",
    renderer=ThaiJSONRenderer(),
    auth=API_AUTH,
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=default_throttles(),
)


def error_body(code: str, message_th: str, message_en: str, **details: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message_th": message_th, "message_en": message_en}
    if details:
        body["details"] = details
    return body


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    return api.create_response(request, error.as_dict(), status=error.status)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    body = error_body(
        "unauthenticated",
        "ต้องเข้าสู่ระบบ หรือแนบโทเค็น (Authorization: Bearer …)",
        "authentication required: sign in or send Authorization: Bearer <token>",
    )
    response = api.create_response(request, body, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="planlink"'
    return response


@api.exception_handler(ValidationError)
def on_invalid_input(request: HttpRequest, error: ValidationError) -> HttpResponse:
    body = error_body(
        "invalid_input",
        "ข้อมูลที่ส่งมาไม่ถูกต้องตามรูปแบบ",
        "the request does not match the schema",
        errors=error.errors,
    )
    return api.create_response(request, body, status=422)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return api.create_response(
        request, error_body("not_found", "ไม่พบรายการ", "not found"), status=404
    )


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    wait = max(1, math.ceil(error.wait)) if error.wait else 60
    body = error_body(
        "throttled",
        f"เรียกใช้บ่อยเกินไป โปรดรออีก {wait} วินาที",
        f"too many requests; retry after {wait} seconds",
        retry_after_seconds=wait,
    )
    response = api.create_response(request, body, status=429)
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(RequestDataTooBig)
def on_too_large(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    limit = settings.PLANLINK_MAX_BODY_BYTES
    body = error_body(
        "too_large",
        f"ข้อมูลที่ส่งมามีขนาดใหญ่เกิน {limit:,} ไบต์",
        f"the request body is larger than {limit:,} bytes",
        limit_bytes=limit,
    )
    return api.create_response(request, body, status=413)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
    """Any other failure: logged with its traceback; the caller gets the JSON body, never a page."""
    logger.exception("API %s %s failed", request.method, request.path, exc_info=error)
    body = error_body(
        "server_error",
        "ระบบขัดข้อง โปรดลองใหม่หรือแจ้งผู้ดูแลระบบ",
        "internal server error; try again or tell the administrator",
    )
    return api.create_response(request, body, status=500)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if error.status_code == 403:  # ninja's CSRF refusal for session calls
        body = error_body(
            "forbidden", "คำขอถูกปฏิเสธ (CSRF)", error.message or "forbidden", reason=error.message
        )
    elif error.status_code == 400:  # ninja could not read the body
        body = error_body("invalid_input", "อ่านข้อมูลที่ส่งมาไม่ได้ (ต้องเป็น JSON ที่ถูกต้อง)", error.message)
    else:
        body = error_body("http_error", error.message, error.message)
    return api.create_response(request, body, status=error.status_code)


def _mount(prefix: str, module_name: str, tag: str) -> None:
    module = importlib.import_module(module_name)
    api.add_router(prefix, module.router, tags=[tag])


_mount("/areas", "planlink.api.areas", "areas")
_mount("/cycles", "planlink.api.cycles", "cycles")
_mount("/strategies", "planlink.api.strategies", "strategies")
_mount("/plans", "planlink.api.plans", "plans")
_mount("/projects", "planlink.api.projects", "projects")
_mount("/referrals", "planlink.api.referrals", "referrals")
_mount("/funding-requests", "planlink.api.funding", "funding")
_mount("/audit", "planlink.api.audit", "audit")
_mount("/documents", "planlink.api.documents", "documents")
_mount("/supply", "planlink.api.supply", "supply")
_mount("/evidence", "planlink.api.evidence", "evidence")
_mount("/committees", "planlink.api.committees", "committees")
_mount("/carry-overs", "planlink.api.carryover", "carry-over")  # issue 18
_mount("/whatif", "planlink.api.whatif", "what-if")  # issue 18
_mount("", "planlink.api.revisions", "revisions")  # /plans/{id}/revisions, /projects/{id}/…

"""Bounded, well-formed requests, and one error body for the API whatever failed.

:class:`RequestLimitsMiddleware` runs before anything reads the request:

* a body larger than ``PLANLINK_MAX_BODY_BYTES`` (file uploads: ``PLANLINK_MAX_UPLOAD_BYTES``)
  answers **413** without being read;
* a query string with a control character (``?issue=%14``) answers **400**: no page has a
  use for one, and some writers (openpyxl) cannot store them;
* a JSON body to the API must be an object without control characters in its text
  (``true`` or ``[1]`` → **400**);
* any error response under ``/api/`` that is not JSON (Django's 400/403/404/500 pages, a 405,
  a debug page) becomes the API's documented body ``{code, message_th, message_en}``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
# C0 controls and DEL; tab, line feed and carriage return are ordinary in text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
QUERY_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

STATUS_CODES: dict[int, tuple[str, str, str]] = {
    400: ("invalid_input", "คำขอไม่ถูกต้อง", "bad request"),
    401: ("unauthenticated", "ต้องเข้าสู่ระบบ หรือแนบโทเค็น", "authentication required"),
    403: ("forbidden", "ไม่มีสิทธิ์ทำรายการนี้", "forbidden"),
    404: ("not_found", "ไม่พบรายการ", "not found"),
    405: ("method_not_allowed", "ไม่รองรับวิธีเรียกนี้", "method not allowed"),
    413: ("too_large", "ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด", "the request body is too large"),
    429: ("throttled", "เรียกใช้บ่อยเกินไป โปรดรอสักครู่", "too many requests; retry later"),
    500: ("server_error", "ระบบขัดข้อง โปรดลองใหม่หรือแจ้งผู้ดูแลระบบ", "internal server error"),
}


def api_error(
    status: int, code: str, message_th: str, message_en: str, **details: Any
) -> JsonResponse:
    """The API's error body with ``status``."""
    body: dict[str, Any] = {"code": code, "message_th": message_th, "message_en": message_en}
    if details:
        body["details"] = details
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def body_limit(request: HttpRequest) -> int:
    """The largest body this request may carry, in bytes."""
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/form-data"):
        return int(settings.PLANLINK_MAX_UPLOAD_BYTES)
    return int(settings.PLANLINK_MAX_BODY_BYTES)


def has_control_characters(value: Any) -> bool:
    """True when any string (key or value) inside a decoded JSON value has a control character."""
    if isinstance(value, str):
        return bool(CONTROL_CHARACTERS.search(value))
    if isinstance(value, dict):
        return any(has_control_characters(k) or has_control_characters(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_control_characters(item) for item in value)
    return False


class RequestLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        refusal = self.refuse(request)
        if refusal is not None:
            return refusal
        response = self.get_response(request)
        if is_api(request):
            return self.as_api_error(request, response)
        return response

    def refuse(self, request: HttpRequest) -> HttpResponseBase | None:
        api = is_api(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request)
        if length > limit:
            message_th = f"ข้อมูลที่ส่งมามีขนาดใหญ่เกิน {limit:,} ไบต์"
            message_en = f"the request body is larger than {limit:,} bytes"
            if api:
                return api_error(413, "too_large", message_th, message_en, limit_bytes=limit)
            return HttpResponse(
                f"{message_th} · {message_en}", status=413, content_type="text/plain; charset=utf-8"
            )
        query = request.META.get("QUERY_STRING", "")
        if query and any(
            QUERY_CONTROL_CHARACTERS.search(key) or QUERY_CONTROL_CHARACTERS.search(value)
            for key, value in parse_qsl(query, keep_blank_values=True)
        ):
            message_th = "ตัวกรองมีอักขระควบคุมที่ใช้ไม่ได้"
            message_en = "the query string contains a control character"
            if api:
                return api_error(400, "invalid_input", message_th, message_en)
            return HttpResponse(
                f"{message_th} · {message_en}", status=400, content_type="text/plain; charset=utf-8"
            )
        if api and request.method in WRITE_METHODS and length:
            return self.refuse_json_body(request)
        return None

    def refuse_json_body(self, request: HttpRequest) -> HttpResponseBase | None:
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if content_type not in ("application/json", "") and not content_type.endswith("+json"):
            return None
        try:
            decoded = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return None  # the API's own parser answers with its 400
        if not isinstance(decoded, dict):
            return api_error(
                400,
                "invalid_input",
                "ข้อมูลที่ส่งมาต้องเป็นออบเจกต์ JSON ({…})",
                "the JSON body must be an object",
            )
        if has_control_characters(decoded):
            return api_error(
                400,
                "invalid_input",
                "ข้อความที่ส่งมามีอักขระควบคุมที่ใช้ไม่ได้",
                "the body contains a control character",
            )
        return None

    def as_api_error(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        if request.path_info.startswith(f"{API_PREFIX}v1/docs"):
            return response
        code, message_th, message_en = STATUS_CODES.get(
            response.status_code,
            STATUS_CODES[500] if response.status_code >= 500 else STATUS_CODES[400],
        )
        converted = api_error(response.status_code, code, message_th, message_en)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                converted[header] = response[header]
        return converted

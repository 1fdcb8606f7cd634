"""Domain errors shared by services, the API, the web pages and the commands.

Each carries a Thai message (shown first in the UI) and an English one.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule refused the operation; nothing was changed."""

    code = "invalid"
    status = 400

    def __init__(self, message_th: str, message_en: str = "", **details: Any) -> None:
        super().__init__(f"{message_th} / {message_en}" if message_en else message_th)
        self.message_th = message_th
        self.message_en = message_en or message_th
        self.details = details

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message_th": self.message_th,
            "message_en": self.message_en,
            **({"details": self.details} if self.details else {}),
        }


class NotFound(DomainError):
    """Missing and forbidden look the same from outside (STYLE.md, access in one place)."""

    code = "not_found"
    status = 404

    def __init__(self, what_th: str = "รายการ", what_en: str = "object") -> None:
        super().__init__(f"ไม่พบ{what_th}", f"{what_en} not found")


class StateError(DomainError):
    code = "invalid_state"
    status = 409


class ConflictError(DomainError):
    """Someone else saved the object first (version check)."""

    code = "conflict"
    status = 409


class PermissionDenied(DomainError):
    """The user can see the object but may not change it."""

    code = "forbidden"
    status = 403

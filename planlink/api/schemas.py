"""Shared API shapes: the error body, the declared error responses, money and messages.

Every error the API returns has one body (``ErrorOut``), whatever raised it: a
domain rule (:class:`planlink.core.errors.DomainError`), missing credentials,
malformed input, or an unknown path.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import Field

# Bounded integers: an id or year beyond the database's range is a 422, not a 500.
MAX_ID = 2**63 - 1
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
FiscalYear = Annotated[int, Field(ge=2500, le=2700, description="fiscal year B.E.")]
SmallNumber = Annotated[int, Field(ge=0, le=32767)]


class ErrorOut(Schema):
    code: str = Field(description="machine code: invalid, invalid_state, conflict, not_found, …")
    message_th: str
    message_en: str
    details: dict[str, Any] | None = None


# Declared on every operation (STACK.md: schemathesis flags undeclared responses).
ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class MessageOut(Schema):
    message_th: str
    message_en: str


def money(value: Decimal | None) -> str | None:
    """Baht as a string with two decimals (``"250000.00"``); ``None`` stays ``None``."""
    if value is None:
        return None
    return f"{Decimal(value).quantize(Decimal('0.01'))}"


# Money coming in: a JSON number or a string ("1,250.50"); the domain's own
# validation (``plans.services._decimal``) gives the Thai message for bad values.
MoneyIn = str | int | float


class Pages(LimitOffsetPagination):
    """``?limit=&offset=`` → ``{"items": [...], "count": N}``; at most 500 rows a page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="rows per page (1–500)")
        offset: int = Field(0, ge=0, le=1_000_000_000, description="rows to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=500, **kwargs)

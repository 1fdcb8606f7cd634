"""Shared API shapes: the error body, the declared error responses, money and messages.

Every error the API returns has one body (``ErrorOut``), whatever raised it: a
domain rule (:class:`planlink.core.errors.DomainError`), missing credentials,
malformed input, or an unknown path.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from ninja import Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BeforeValidator, Field

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


CENT = Decimal("0.01")


def strict_money(value: Any) -> Any:
    """Refuse what would be silently changed: ``true``/``false`` (not numbers) and more than two
    decimal places (``100.123`` is refused, never rounded). Everything else goes on to the
    domain's validation (``plans.services._decimal``), which names the field in Thai."""
    if isinstance(value, bool):
        raise ValueError(
            "จำนวนเงินต้องเป็นตัวเลข ไม่ใช่ true/false · an amount must be a number, not a boolean"
        )
    if isinstance(value, int | float | str):
        try:
            number = Decimal(str(value).replace(",", "").strip())
        except (InvalidOperation, ValueError):
            return value  # not a number at all: the domain's message
        if number.is_finite():
            try:
                exact = number == number.quantize(CENT)
            except InvalidOperation:  # too many digits to quantize: the domain says "too large"
                return value
            if not exact:
                raise ValueError(
                    "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์) · "
                    "an amount has at most two decimal places"
                )
    return value


# Money coming in: a JSON number or a string ("1,250.50"), at most two decimals, never a
# boolean; the domain's own validation gives the Thai message for other bad values.
MoneyIn = Annotated[str | int | float, BeforeValidator(strict_money)]


def plausible_fiscal_years(cycle_year: int, span_start: int | None, span_end: int | None) -> range:
    """The budget years a plan of ``cycle_year`` may ask for: its cycle's year and the four
    after it (a five-year development plan), widened to the plan's own span when it has one."""
    first = min(cycle_year, span_start or cycle_year)
    last = max(cycle_year + 4, span_end or cycle_year)
    return range(first, last + 1)


class Pages(LimitOffsetPagination):
    """``?limit=&offset=`` → ``{"items": [...], "count": N}``; at most 500 rows a page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="rows per page (1–500)")
        offset: int = Field(0, ge=0, le=1_000_000_000, description="rows to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=500, **kwargs)

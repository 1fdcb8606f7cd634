"""Template filters for Thai display: B.E. dates, baht, Thai digits, names in the active language.

``{% load planlink_format %}`` then ``{{ plan.submitted_at|be_date }}`` → "25 พฤศจิกายน 2569",
``{{ milestone.deadline|be_date:"short" }}`` → "25 พ.ย. 69", ``{{ project.budget|baht }}`` →
"1,234,567.50", ``{{ cycle.fiscal_year|thai_digits }}`` → "๒๕๗๐". All use ``planlink.core.thai``.
Dates are shown in the Buddhist Era (พ.ศ.) in both languages: the fiscal years are B.E. names.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import timezone, translation

from planlink.core.thai import (
    THAI_MONTHS_SHORT,
    be_year,
    format_baht,
    format_be_date,
    to_thai_digits,
)

register = template.Library()

_ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def _as_local_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def english_active() -> bool:
    return (translation.get_language() or "th").startswith("en")


@register.filter
def be_date(value: Any, style: str = "long") -> str:
    """A date (or aware datetime, in Bangkok time) in the Buddhist Era.

    Thai: "25 พฤศจิกายน 2569" (long), "25 พ.ย. 69" (short), "25/11/2569" (numeric).
    English keeps the B.E. year, which is how fiscal years are named: "25 Nov B.E. 2569".
    """
    day = _as_local_date(value)
    if day is None:
        return ""
    if english_active() and style != "numeric":
        return f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} B.E. {be_year(day)}"
    return format_be_date(day, style=style)


@register.filter
def be_datetime(value: Any) -> str:
    """An aware datetime in Bangkok time: "25 พ.ย. 69 14:05 น."."""
    if not isinstance(value, datetime.datetime):
        return be_date(value, "short")
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if english_active():
        return f"{be_date(local, 'short')} {local:%H:%M}"
    return f"{local.day} {THAI_MONTHS_SHORT[local.month - 1]} {be_year(local) % 100:02d} {local:%H:%M} น."


@register.filter
def baht(value: Any) -> str:
    """Money with thousands separators and two decimals; empty for ``None``."""
    if value is None or value == "":
        return ""
    try:
        amount = value if isinstance(value, Decimal | int) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if isinstance(amount, bool):
        return ""
    return format_baht(amount)


@register.filter
def number(value: Any) -> str:
    """A whole number with thousands separators: 12345 → "12,345"."""
    if value is None or value == "":
        return ""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def thai_digits(value: Any) -> str:
    """Every Arabic digit written as a Thai digit (document-style text only)."""
    return to_thai_digits(value)


@register.filter
def localized(obj: Any, field: str = "name") -> str:
    """``obj.<field>_en`` when English is active and it is filled, else ``obj.<field>_th``."""
    if obj is None:
        return ""
    if english_active():
        english = getattr(obj, f"{field}_en", "") or ""
        if english:
            return english
    return getattr(obj, f"{field}_th", "") or str(obj)


@register.filter
def message_of(error: Any) -> str:
    """The message of a DomainError in the active language."""
    if error is None:
        return ""
    if english_active():
        return getattr(error, "message_en", "") or str(error)
    return getattr(error, "message_th", "") or str(error)


@register.filter
def percent(value: Any) -> str:
    """0.4567 → "45.7%" (one decimal); empty for ``None``."""
    if value is None or value == "":
        return ""
    return f"{float(value) * 100:.1f}%"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ counts|get_item:issue.pk }}`` — a dictionary lookup with a variable key."""
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def label(value: Any, group: str) -> str:
    """``{{ plan.state|label:"plan_state" }}`` — the translated label of a choice value."""
    from planlink.web.labels import label as lookup

    return lookup(group, "" if value is None else str(value))


@register.filter
def badge_for(value: Any, group: str) -> str:
    """The state-badge colour for a decision or fate: ``{{ r.decision|badge_for:"decision" }}``."""
    from planlink.web.labels import DECISION_BADGE, FATE_BADGE

    table = DECISION_BADGE if group == "decision" else FATE_BADGE if group == "fate" else {}
    return table.get(str(value), str(value))

"""Thai dates, numerals, money and sorting — pure Python, no Django.

Thai official documents (หนังสือราชการ) date things in the Buddhist Era (พ.ศ. = ค.ศ. + 543)
and customarily write Thai numerals (เลขไทย): the circulars in ``/work/shared/seeds`` are
dated "๒๔ กุมภาพันธ์ ๒๕๖๖" (seed 001) and "๔ พฤษภาคม ๒๕๖๐" (seed 002), and every plan
in the linking process is named after a fiscal year, "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖". The Thai
fiscal year (ปีงบประมาณ) runs from 1 October to 30 September and carries the B.E. number of
the calendar year in which it ends.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from pythainlp.util import bahttext as _pythainlp_bahttext

__all__ = [
    "BE_OFFSET",
    "THAI_MONTHS_LONG",
    "THAI_MONTHS_SHORT",
    "bahttext",
    "be_year",
    "fiscal_year_be",
    "format_baht",
    "format_be_date",
    "thai_sort_key",
    "to_arabic_digits",
    "to_thai_digits",
]

BE_OFFSET = 543
"""Years between the Christian Era and the Buddhist Era (พ.ศ. = ค.ศ. + 543)."""

THAI_MONTHS_LONG: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

_ARABIC_DIGITS = "0123456789"
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans(_ARABIC_DIGITS, _THAI_DIGITS)
_TO_ARABIC = str.maketrans(_THAI_DIGITS, _ARABIC_DIGITS)


def to_thai_digits(value: object) -> str:
    """Write every Arabic digit 0–9 in ``value`` (any object, via ``str``) as a Thai digit ๐–๙."""
    return str(value).translate(_TO_THAI)


def to_arabic_digits(value: object) -> str:
    """Write every Thai digit ๐–๙ in ``value`` (any object, via ``str``) as an Arabic digit."""
    return str(value).translate(_TO_ARABIC)


def be_year(date_or_year: datetime.date | int) -> int:
    """The Buddhist Era year (พ.ศ.) of a date, or of a Christian Era year given as an int."""
    if isinstance(date_or_year, bool):
        raise TypeError("be_year() takes a date or an int year, not a bool")
    if isinstance(date_or_year, datetime.date):
        return date_or_year.year + BE_OFFSET
    if isinstance(date_or_year, int):
        return date_or_year + BE_OFFSET
    raise TypeError(f"be_year() takes a date or an int year, not {type(date_or_year).__name__}")


def format_be_date(
    value: datetime.date,
    style: str = "long",
    thai_digits: bool = False,
) -> str:
    """Format a date in the Buddhist Era.

    ``long`` → "25 พฤศจิกายน 2569" (as in the body of a หนังสือราชการ),
    ``short`` → "25 พ.ย. 69" (two-digit B.E. year, as in tables),
    ``numeric`` → "25/11/2569" (day and month zero-padded to two digits).
    A ``datetime`` is formatted by its date part only (its own timezone is kept).
    """
    if not isinstance(value, datetime.date):
        raise TypeError(f"format_be_date() takes a date, not {type(value).__name__}")
    year = be_year(value)
    if style == "long":
        text = f"{value.day} {THAI_MONTHS_LONG[value.month - 1]} {year}"
    elif style == "short":
        text = f"{value.day} {THAI_MONTHS_SHORT[value.month - 1]} {year % 100:02d}"
    elif style == "numeric":
        text = f"{value.day:02d}/{value.month:02d}/{year}"
    else:
        raise ValueError(f"unknown date style {style!r}: use 'long', 'short' or 'numeric'")
    return to_thai_digits(text) if thai_digits else text


def fiscal_year_be(value: datetime.date) -> int:
    """The Thai fiscal year (ปีงบประมาณ พ.ศ.) a date falls in: 1 Oct 2026 → 2570."""
    if not isinstance(value, datetime.date):
        raise TypeError(f"fiscal_year_be() takes a date, not {type(value).__name__}")
    ending_year = value.year + 1 if value.month >= 10 else value.year
    return ending_year + BE_OFFSET


_SATANG = Decimal("0.01")


def format_baht(amount: Decimal | int, thai_digits: bool = False) -> str:
    """Write an amount of baht with thousands separators and two decimals: "1,234,567.50".

    Rounds half up to the satang. Floats are refused: money is ``Decimal``.
    """
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise TypeError(f"format_baht() takes a Decimal or an int, not {type(amount).__name__}")
    quantized = Decimal(amount).quantize(_SATANG, rounding=ROUND_HALF_UP)
    if quantized.is_zero():
        quantized = abs(quantized)  # no "-0.00"
    text = f"{quantized:,.2f}"
    return to_thai_digits(text) if thai_digits else text


def bahttext(amount: float | int | Decimal) -> str:
    """Read an amount of baht in Thai words, as Excel's BAHTTEXT (PyThaiNLP's ``bahttext``).

    ``bahttext(Decimal("1234.50"))`` → "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์". A ``Decimal`` is
    first rounded half up to the satang, so it reads the same as ``format_baht`` writes it.
    """
    if isinstance(amount, Decimal):
        amount = float(amount.quantize(_SATANG, rounding=ROUND_HALF_UP))
    return _pythainlp_bahttext(amount)


# Thai collation (the order of พจนานุกรมฉบับราชบัณฑิตยสถาน, and of ICU's th collation that
# PostgreSQL's "th-TH-x-icu" uses): the leading vowels เ แ โ ใ ไ are written before the
# consonant they follow in speech, so they are moved after it; tone marks and other
# diacritics only break ties (secondary weight). PyThaiNLP's ``collate`` does the same swap
# but appends the tone mark to the primary key, so it sorts "กาก" before "ก่า".
_LEADING_VOWEL_THEN_CONSONANT = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")
_DIACRITICS = re.compile("[\u0e47-\u0e4e]")  # ็ ่ ้ ๊ ๋ ์ ํ ๎


def thai_sort_key(text: str) -> tuple[str, str, str]:
    """A key for ``sorted`` that puts Thai strings in dictionary order.

    ``sorted(["ไก่", "เกิด", "กาล", "ขา"], key=thai_sort_key)`` → ``["กาล", "เกิด", "ไก่", "ขา"]``.
    Thai and Arabic digits sort together; Latin letters ignore case at the first level.
    """
    normalized = to_arabic_digits(text).casefold()
    reordered = _LEADING_VOWEL_THEN_CONSONANT.sub(r"\2\1", normalized)
    primary = _DIACRITICS.sub("", reordered)
    secondary = "".join(_DIACRITICS.findall(reordered))
    return primary, secondary, text

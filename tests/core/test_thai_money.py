"""Baht amounts are written with separators and two decimals, and read in Thai words."""

from decimal import Decimal

import pytest

from planlink.core.thai import bahttext, format_baht


def test_baht_has_thousands_separators_and_satang():
    assert format_baht(Decimal("1234567.5")) == "1,234,567.50"


def test_baht_rounds_half_up_to_the_satang():
    assert format_baht(Decimal("0.125")) == "0.13"
    assert format_baht(Decimal("2.345")) == "2.35"


def test_baht_with_thai_digits():
    assert format_baht(Decimal("613919.24"), thai_digits=True) == "๖๑๓,๙๑๙.๒๔"


def test_whole_baht_from_an_int():
    assert format_baht(500000) == "500,000.00"


def test_negative_baht_keeps_its_sign_and_tiny_negatives_are_not_minus_zero():
    assert format_baht(Decimal("-1500")) == "-1,500.00"
    assert format_baht(Decimal("-0.001")) == "0.00"


def test_float_money_is_refused():
    with pytest.raises(TypeError):
        format_baht(1234.5)  # type: ignore[arg-type]


def test_bahttext_reads_a_decimal_amount_in_thai_words():
    assert bahttext(Decimal("1234.50")) == "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"


def test_bahttext_reads_whole_baht_with_thuan():
    assert bahttext(21) == "ยี่สิบเอ็ดบาทถ้วน"

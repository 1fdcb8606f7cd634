"""Properties of the Thai writing of numbers, money and Buddhist Era dates (hypothesis).

What PlanLink writes (เลขไทย, baht with thousands commas, B.E. dates, the fiscal year) must
read back to the same value, for any value, not only for the examples the other tests pick.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planlink.core.thai import (
    BE_OFFSET,
    be_year,
    fiscal_year_be,
    format_baht,
    format_be_date,
    thai_sort_key,
    to_arabic_digits,
    to_thai_digits,
)
from planlink.documents.xlsx_thai import parse_number

THAI_DIGITS = set("๐๑๒๓๔๕๖๗๘๙")
# Budgets from nothing to a national programme, to the satang and finer (rounded on writing).
amounts = st.decimals(
    min_value=Decimal("-999999999999.999"),
    max_value=Decimal("999999999999.999"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2199, 12, 31))
thai_text = st.text(
    alphabet=st.sampled_from("กขคงจฉชซญดตถทนบปผพฟมยรลวสหอฮะาิีึืุูเแโใไ่้๊๋์ ๐๑๒๓๔๕๖๗๘๙0123456789")
)


@given(st.text())
def test_thai_digits_and_arabic_digits_turn_into_each_other(text):
    thai = to_thai_digits(text)
    assert not any(character in "0123456789" for character in thai)
    assert to_arabic_digits(thai) == to_arabic_digits(text)
    assert to_thai_digits(to_arabic_digits(thai)) == thai


@settings(max_examples=300)
@given(amounts, st.booleans(), st.sampled_from(["", " บาท", "บาท"]))
def test_a_written_amount_of_baht_reads_back_to_the_satang(amount, thai_digits, unit):
    written = format_baht(amount, thai_digits=thai_digits) + unit
    assert bool(THAI_DIGITS & set(written)) == thai_digits
    value, error = parse_number(written)
    assert error is None
    assert value == amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@given(dates, st.booleans())
def test_a_numeric_buddhist_era_date_reads_back_to_the_same_day(day, thai_digits):
    written = format_be_date(day, "numeric", thai_digits=thai_digits)
    day_text, month_text, year_text = to_arabic_digits(written).split("/")
    assert datetime.date(int(year_text) - BE_OFFSET, int(month_text), int(day_text)) == day
    assert int(year_text) == be_year(day)


@given(dates)
def test_the_fiscal_year_turns_on_the_first_of_october_only(day):
    after = day + datetime.timedelta(days=1)
    step = fiscal_year_be(after) - fiscal_year_be(day)
    assert step == (1 if (after.month, after.day) == (10, 1) else 0)
    assert fiscal_year_be(day) - be_year(day) == (1 if day.month >= 10 else 0)


@given(st.lists(thai_text, max_size=12))
def test_thai_and_arabic_digits_sort_in_the_same_place(words):
    arabic = sorted(words, key=lambda word: thai_sort_key(to_arabic_digits(word))[:2])
    thai = sorted(words, key=lambda word: thai_sort_key(to_thai_digits(word))[:2])
    assert [thai_sort_key(word)[:2] for word in arabic] == [
        thai_sort_key(word)[:2] for word in thai
    ]

"""Thai numerals (เลขไทย) convert both ways without touching other characters."""

from decimal import Decimal

from planlink.core.thai import to_arabic_digits, to_thai_digits


def test_arabic_digits_in_a_circular_heading_become_thai_digits():
    assert to_thai_digits("ประจำปีงบประมาณ พ.ศ. 2566 หมู่ที่ 10") == "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ หมู่ที่ ๑๐"


def test_thai_digits_from_a_circular_number_become_arabic_digits():
    assert to_arabic_digits("ที่ มท ๐๓๐๕.๑/ว ๑๖๐๕") == "ที่ มท 0305.1/ว 1605"


def test_numbers_are_converted_through_their_text():
    assert to_thai_digits(1605) == "๑๖๐๕"
    assert to_thai_digits(Decimal("12.50")) == "๑๒.๕๐"


def test_round_trip_restores_every_digit():
    every_digit = "0123456789"
    assert to_thai_digits(every_digit) == "๐๑๒๓๔๕๖๗๘๙"
    assert to_arabic_digits(to_thai_digits(every_digit)) == every_digit

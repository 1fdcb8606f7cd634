"""Dates are written in the Buddhist Era (พ.ศ. = ค.ศ. + 543) in three styles."""

import datetime

import pytest

from planlink.core.thai import be_year, format_be_date

LOY_KRATHONG_2026 = datetime.date(2026, 11, 25)


def test_be_year_of_a_date_adds_543():
    assert be_year(LOY_KRATHONG_2026) == 2569


def test_be_year_of_an_integer_year_adds_543():
    assert be_year(2017) == 2560


def test_be_year_refuses_a_string():
    with pytest.raises(TypeError):
        be_year("2026")  # type: ignore[arg-type]


def test_long_style_spells_the_thai_month():
    assert format_be_date(LOY_KRATHONG_2026) == "25 พฤศจิกายน 2569"


def test_short_style_abbreviates_month_and_year():
    assert format_be_date(LOY_KRATHONG_2026, style="short") == "25 พ.ย. 69"


def test_numeric_style_pads_day_and_month():
    assert format_be_date(datetime.date(2023, 2, 4), style="numeric") == "04/02/2566"


def test_long_style_with_thai_digits_reads_like_a_circular_date():
    # seed 001 is dated "๒๔ กุมภาพันธ์ ๒๕๖๖"
    assert format_be_date(datetime.date(2023, 2, 24), thai_digits=True) == "๒๔ กุมภาพันธ์ ๒๕๖๖"


def test_every_month_has_its_thai_name():
    names = [format_be_date(datetime.date(2025, month, 1)).split(" ")[1] for month in range(1, 13)]
    assert names == [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ]  # fmt: skip


def test_a_timezone_aware_datetime_is_formatted_by_its_own_date():
    bangkok = datetime.timezone(datetime.timedelta(hours=7))
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=bangkok)
    assert format_be_date(moment, style="short") == "31 ธ.ค. 69"


def test_an_unknown_style_is_refused():
    with pytest.raises(ValueError, match="unknown date style"):
        format_be_date(LOY_KRATHONG_2026, style="iso")

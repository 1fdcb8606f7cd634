"""The Thai fiscal year (ปีงบประมาณ) runs 1 October – 30 September, named by its ending B.E. year."""

import datetime

from planlink.core.thai import fiscal_year_be


def test_first_of_october_starts_the_next_fiscal_year():
    assert fiscal_year_be(datetime.date(2026, 10, 1)) == 2570


def test_thirtieth_of_september_ends_the_current_fiscal_year():
    assert fiscal_year_be(datetime.date(2026, 9, 30)) == 2569


def test_january_belongs_to_the_fiscal_year_that_began_last_october():
    assert fiscal_year_be(datetime.date(2027, 1, 15)) == 2570

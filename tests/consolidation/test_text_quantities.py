"""Budget, size and count words are quantities, not meaning."""

from __future__ import annotations

from planlink.consolidation.text import normalise


def test_budget_words_and_amounts_go_to_quantity():
    title = normalise("ก่อสร้างถนน คสล. งบประมาณ 500,000 บาท")
    assert title.quantity_tokens == ("500000 บาท", "งบประมาณ")
    assert title.meaning_tokens == ("ก่อสร้าง", "ถนน", "คอนกรีตเสริมเหล็ก")


def test_sizes_with_units_go_to_quantity_and_metres_abbreviated_as_ม_are_metres():
    title = normalise("ก่อสร้างรางระบายน้ำ คสล. ยาว 300 ม.")
    assert title.quantity_tokens == ("300 เมตร", "ยาว")
    assert title.location_tokens == ()


def test_kilometres_abbreviated_as_กม_are_kilometres():
    assert normalise("ก่อสร้างถนนลาดยาง ระยะทาง 2.5 กม.").quantity_tokens[0] == "2.5 กิโลเมตร"


def test_a_plan_year_is_a_quantity_not_meaning():
    title = normalise("ตรวจสุขภาพผู้สูงอายุ ประจำปี ๒๕๖๘")
    assert title.quantity_tokens == ("2568",)
    assert title.meaning_tokens == ("ตรวจสุขภาพ", "ผู้สูงอายุ")


def test_titles_that_differ_only_in_budget_have_the_same_meaning():
    first = normalise("ขุดเจาะบ่อบาดาล จำนวน 2 บ่อ งบประมาณ 240,000 บาท")
    second = normalise("ขุดเจาะบ่อบาดาล 1 บ่อ")
    assert first.meaning_tokens == second.meaning_tokens == ("ขุดเจาะ", "บ่อบาดาล")

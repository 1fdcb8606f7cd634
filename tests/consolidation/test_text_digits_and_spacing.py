"""Thai digits, stray spaces and missing spaces do not change what a title means."""

from __future__ import annotations

import dataclasses

import pytest

from planlink.consolidation.text import clean_text, normalise


def test_thai_digits_become_arabic_digits():
    assert clean_text("ก่อสร้างถนน ยาว ๒๐๐ เมตร หมู่ที่ ๕") == "ก่อสร้างถนน ยาว 200 เมตร หมู่ที่ 5"


def test_a_title_in_thai_digits_has_the_same_village_number_as_in_arabic_digits():
    assert normalise("ขุดลอกหนองน้ำ หมู่ที่ ๑๒").location_tokens == ("หมู่ที่ 12",)
    assert normalise("ขุดลอกหนองน้ำ หมู่ที่ 12").location_tokens == ("หมู่ที่ 12",)


def test_a_title_written_without_spaces_means_the_same_as_one_with_spaces():
    joined = normalise("ก่อสร้างถนนคอนกรีตเสริมเหล็กหมู่ที่3บ้านโนนสะอาด")
    spaced = normalise("ก่อสร้างถนน คอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านโนนสะอาด")
    assert joined.meaning_tokens == spaced.meaning_tokens == ("ก่อสร้าง", "ถนน", "คอนกรีตเสริมเหล็ก")
    assert joined.location_tokens == spaced.location_tokens == ("หมู่ที่ 3", "บ้านโนนสะอาด")


def test_a_word_split_by_a_stray_space_is_joined_again():
    split = normalise("ติดตั้งไฟฟ้า ส่องสว่าง ทางสาธารณะ")
    assert split.meaning_tokens == ("ติดตั้ง", "ไฟฟ้าส่องสว่าง", "สาธารณะ")


def test_double_spaces_and_sara_am_typed_as_two_characters_are_cleaned():
    assert clean_text("ส่งเสริมการปลูกผัก  ในครัวเรือน") == "ส่งเสริมการปลูกผัก ในครัวเรือน"
    assert clean_text("ขุดลอกคลองส่งน\u0e49\u0e4d\u0e32") == "ขุดลอกคลองส่งน้ำ"


def test_normalisation_is_memoised_per_distinct_title():
    assert normalise("จัดซื้อถังขยะ บ้านควนโดน") is normalise("จัดซื้อถังขยะ บ้านควนโดน")


def test_a_normalised_title_cannot_be_changed():
    title = normalise("จัดซื้อถังขยะ")
    with pytest.raises(dataclasses.FrozenInstanceError):
        title.meaning_tokens = ()  # type: ignore[misc]

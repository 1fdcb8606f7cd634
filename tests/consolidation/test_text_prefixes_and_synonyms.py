"""Filler prefixes go, abbreviations expand, equivalent words fold — and meaning stays."""

from __future__ import annotations

import pytest

from planlink.consolidation.text import normalise


@pytest.mark.parametrize(
    "title",
    [
        "โครงการขุดเจาะบ่อบาดาล",
        "ขอรับการสนับสนุนการขุดเจาะบ่อบาดาล",
        "แผนงานขุดเจาะบ่อบาดาล",
        "โครงการ/กิจกรรม ขุดเจาะบ่อบาดาล",
        "เจาะบ่อน้ำบาดาล",
    ],
)
def test_filler_prefixes_and_rewordings_leave_the_same_meaning(title):
    assert normalise(title).meaning_tokens == ("ขุดเจาะ", "บ่อบาดาล")


def test_our_abbreviations_expand_to_full_words():
    assert normalise("ปรับปรุงอาคาร รพ.สต.").meaning_tokens == (
        "ปรับปรุง",
        "อาคาร",
        "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    )
    assert normalise("ก่อสร้างอาคาร ศพด.").meaning_tokens == (
        "ก่อสร้าง",
        "อาคาร",
        "ศูนย์พัฒนาเด็กเล็ก",
    )
    assert (
        normalise("ก่อสร้างรางระบายน้ำ ค.ส.ล.").meaning_tokens
        == normalise("ก่อสร้างรางระบายน้ำคอนกรีตเสริมเหล็ก").meaning_tokens
    )


def test_equivalent_words_fold_to_one_word():
    assert normalise("สร้างถนนคอนกรีต").meaning_tokens == ("ก่อสร้าง", "ถนน", "คอนกรีตเสริมเหล็ก")
    assert normalise("ซ่อมถนนลูกรังที่ชำรุด").meaning_tokens == ("ซ่อมแซม", "ถนน", "ลูกรัง")
    assert normalise("ส่งเสริมการเลี้ยงหมู").meaning_tokens == ("ส่งเสริม", "เลี้ยง", "สุกร")


def test_asphalt_concrete_is_asphalt_not_concrete():
    title = normalise("ก่อสร้างถนนลาดยางแอสฟัลท์ติกคอนกรีต")
    assert title.meaning_tokens == ("ก่อสร้าง", "ถนน", "ลาดยาง")
    assert title.facet_values("material") == {"asphalt"}

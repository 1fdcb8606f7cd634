"""``same`` answers "the same need in the same place" (a duplicate, issue 12); shared words
do not fool it, and the same work in another village is a shared need, never a duplicate."""

from __future__ import annotations

import pytest

from planlink.consolidation.matching import Matcher, baseline_score, default_matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return default_matcher()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ขุดลอกหนองน้ำสาธารณะ บ้านหนองบัว หมู่ที่ 1", "ขุดลอกหนองน้ำสาธารณะ หมู่ที่ ๑"),
        ("ก่อสร้างถนน คสล. หมู่ที่ ๕", "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ม.5"),
        ("ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ", "ติดตั้งไฟถนนในหมู่บ้าน"),
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "ก่อสร้างถนนคอนกรีดเสริมเหล็ก"),
        ("ติดตั้งไฟฟ้าส่องสว่าง 20 จุด งบประมาณ 150,000 บาท", "ติดตั้งไฟฟ้าส่องสว่าง"),
    ],
)
def test_the_same_need_in_other_words_is_the_same(matcher, first, second):
    assert matcher.same(first, second)
    assert matcher.relation(first, second).kind == "duplicate"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ก่อสร้างถนน คสล. หมู่ที่ 3", "ก่อสร้างถนน คสล. หมู่ที่ 7"),
        ("ขุดลอกหนองน้ำสาธารณะ บ้านหนองบัว หมู่ที่ 1", "ขุดลอกหนองน้ำสาธารณะ บ้านนาคำ หมู่ที่ 4"),
        ("ขุดลอกคลองห้วยทราย ช่วงที่ 1", "ขุดลอกคลองห้วยทราย ช่วงที่ 2"),
    ],
)
def test_the_same_work_in_another_place_is_a_shared_need_never_a_duplicate(matcher, first, second):
    assert not matcher.same(first, second)
    assert matcher.relation(first, second).kind == "shared_need"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ซ่อมแซมถนนคอนกรีตเสริมเหล็ก", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก"),
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "ก่อสร้างถนนลูกรัง"),
        ("ขุดลอกคลอง บ้านนาคำ", "สร้างฝายกั้นคลอง บ้านนาคำ"),
        ("ส่งเสริมอาชีพผู้สูงอายุ", "ส่งเสริมอาชีพคนพิการ"),
        ("ส่งเสริมการเลี้ยงไก่ไข่", "ส่งเสริมการเลี้ยงโคเนื้อ"),
        ("ก่อสร้างถนน คสล. หมู่ที่ ๘", "ก่อสร้างฝายชะลอน้ำ หมู่ที่ ๘"),
    ],
)
def test_different_needs_that_share_words_are_different(matcher, first, second):
    assert not matcher.same(first, second)


def test_scores_lie_between_zero_and_one_and_identical_titles_score_one(matcher):
    assert matcher.score("จัดซื้อถังขยะ", "จัดซื้อถังขยะ") == 1.0
    assert matcher.score("จัดซื้อถังขยะ", "ติดตั้งกล้องวงจรปิด") < 0.1
    score = matcher.score("ขยายเขตไฟฟ้าแรงต่ำ", "ติดตั้งไฟฟ้าส่องสว่าง")
    assert 0.0 < score < matcher.threshold


def test_a_facet_conflict_vetoes_same_however_alike_the_words(matcher):
    assert matcher.score("ซ่อมแซมรางระบายน้ำ", "ก่อสร้างรางระบายน้ำ") < 0.5
    assert baseline_score("ซ่อมแซมรางระบายน้ำ", "ก่อสร้างรางระบายน้ำ") > 0.7


def test_an_empty_title_is_never_the_same_as_anything(matcher):
    assert matcher.score("", "") == 0.0
    assert not matcher.same("โครงการ", "จัดซื้อถังขยะ")


def test_the_baseline_is_plain_ratio_on_raw_strings():
    assert baseline_score("ขุดเจาะบ่อบาดาล", "ขุดเจาะบ่อบาดาล") == 1.0
    assert baseline_score("ก่อสร้างถนน หมู่ที่ ๕", "ก่อสร้างถนน หมู่ที่ 5") < 1.0

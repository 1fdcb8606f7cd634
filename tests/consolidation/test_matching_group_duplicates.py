"""Grouping the same need raised by several villages, blocked by issue, without bad chains."""

from __future__ import annotations

from planlink.consolidation.matching import (
    RATIONALE_MARGIN,
    Matcher,
    MatchItem,
    default_matcher,
    group_duplicates,
    group_shared_needs,
)


def _water(title: str, rationale: str = "") -> MatchItem:
    return MatchItem(title=title, rationale=rationale, issue_code="WATER")


def test_three_villages_asking_to_desilt_their_pond_are_one_shared_need_of_three_components():
    items = [
        _water("ขุดลอกหนองน้ำสาธารณะ บ้านหนองบัว หมู่ที่ 1"),
        _water("ขุดเจาะบ่อบาดาล หมู่ที่ 2"),
        _water("โครงการขุดลอกหนองน้ำสาธารณะ บ้านนาคำ หมู่ที่ 4"),
        _water("ขุดลอกหนองน้ำ หมู่ที่ ๗ งบประมาณ 350,000 บาท"),
    ]
    assert group_duplicates(items) == [[0], [1], [2], [3]]
    assert group_shared_needs(items) == [[[0], [2], [3]], [[1]]]


def test_the_same_pond_written_twice_in_one_village_is_one_component_with_two_sources():
    items = [
        _water("ขุดลอกหนองน้ำสาธารณะ บ้านหนองบัว หมู่ที่ 1"),
        _water("โครงการขุดลอกหนองน้ำสาธารณะ หมู่ที่ ๑"),
        _water("ขุดลอกหนองน้ำ หมู่ที่ 4"),
    ]
    assert group_duplicates(items) == [[0, 1], [2]]
    assert group_shared_needs(items) == [[[0, 1], [2]]]


def test_an_item_area_code_fills_the_village_a_title_leaves_out():
    items = [
        MatchItem("ก่อสร้างถนน คสล.", issue_code="INFRA", area_code="41010103"),
        MatchItem("สร้างถนนคอนกรีตเสริมเหล็ก", issue_code="INFRA", area_code="41010107"),
        MatchItem("ก่อสร้างถนน คสล. หมู่ที่ 3", issue_code="INFRA", area_code="410101"),
    ]
    assert group_shared_needs(items) == [[[0, 2], [1]]]


def test_groups_are_a_sorted_partition_of_all_items():
    items = [
        MatchItem("ติดตั้งกล้องวงจรปิด บ้านดงเย็น", issue_code="SAFETY"),
        MatchItem("ก่อสร้างถนน คสล. หมู่ที่ 3", issue_code="INFRA"),
        MatchItem("ติดตั้งกล้อง CCTV ตามจุดเสี่ยง", issue_code="SAFETY"),
        MatchItem("ซ่อมแซมถนน คสล. หมู่ที่ 3", issue_code="INFRA"),
        MatchItem("สร้างถนนคอนกรีต หมู่ที่ 9", issue_code="INFRA"),
    ]
    assert group_duplicates(items) == [[0, 2], [1], [3], [4]]
    assert group_shared_needs(items) == [[[0, 2]], [[1], [4]], [[3]]]


def test_items_under_different_issues_are_not_compared():
    items = [
        MatchItem("ติดตั้งกล้องวงจรปิด", issue_code="SAFETY"),
        MatchItem("ติดตั้งกล้องวงจรปิด", issue_code="INFRA"),
    ]
    assert group_duplicates(items) == [[0], [1]]


def test_a_middle_title_cannot_chain_two_conflicting_needs_into_one_group():
    desilt, middle, dig = "ขุดลอกคลองส่งน้ำ", "คลองส่งน้ำเพื่อการเกษตร", "ขุดคลองส่งน้ำ"
    matcher = default_matcher()
    assert matcher.same(desilt, middle)
    assert matcher.same(middle, dig)
    assert not matcher.same(desilt, dig)
    groups = group_duplicates([_water(desilt), _water(middle), _water(dig)])
    assert not any(0 in group and 2 in group for group in groups)
    assert sorted(index for group in groups for index in group) == [0, 1, 2]


def test_matching_rationales_lift_titles_that_fall_just_short():
    first, second = "จัดตั้งห้องสมุดประชาชนประจำหมู่บ้าน", "จัดตั้งห้องสมุดชุมชน"
    matcher = Matcher(threshold=default_matcher().score(first, second) + RATIONALE_MARGIN / 2)
    score = matcher.score(first, second)
    assert matcher.threshold - RATIONALE_MARGIN <= score < matcher.threshold
    reason = "เด็กและเยาวชนไม่มีแหล่งเรียนรู้และหนังสือให้อ่าน"
    without = [MatchItem(first, issue_code="EDU"), MatchItem(second, issue_code="EDU")]
    with_reason = [
        MatchItem(first, rationale=reason, issue_code="EDU"),
        MatchItem(second, rationale=reason, issue_code="EDU"),
    ]
    assert group_duplicates(without, matcher) == [[0], [1]]
    assert group_duplicates(with_reason, matcher) == [[0, 1]]


def test_empty_titles_stand_alone():
    items = [_water(""), _water(""), _water("ขุดเจาะบ่อบาดาล")]
    assert group_duplicates(items) == [[0], [1], [2]]

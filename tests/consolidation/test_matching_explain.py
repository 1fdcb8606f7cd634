"""Every proposal says why: shared words, conflicts, same issue, same area, rationale."""

from __future__ import annotations

from planlink.consolidation.matching import MatchItem, default_matcher


def test_two_villages_asking_for_the_same_thing_are_a_shared_need_not_a_duplicate():
    reason = default_matcher().explain(
        "ขุดลอกหนองน้ำสาธารณะ บ้านหนองบัว หมู่ที่ 1", "ขุดลอกหนองน้ำสาธารณะ บ้านนาคำ หมู่ที่ 4"
    )
    assert reason.same is False
    assert reason.relation == "shared_need"
    assert reason.score == 1.0
    assert reason.shared_words == ("ขุดลอก", "หนอง", "สาธารณะ")
    assert reason.location_agreement == "different"
    assert reason.locations_a == ("หมู่ที่ 1", "บ้านหนองบัว")
    assert reason.locations_b == ("หมู่ที่ 4", "บ้านนาคำ")
    assert reason.conflicts == ()


def test_repair_against_build_is_explained_as_a_conflict_of_action():
    reason = default_matcher().explain("ซ่อมแซมถนนลูกรัง หมู่ที่ 5", "ก่อสร้างถนนลูกรัง หมู่ที่ 5")
    assert reason.same is False
    assert [(c.dimension, c.values_a, c.values_b) for c in reason.conflicts] == [
        ("action", ("fix",), ("build",))
    ]
    assert reason.location_agreement == "same"
    assert reason.only_in_a == ("ซ่อมแซม",)
    assert reason.only_in_b == ("ก่อสร้าง",)
    assert "ลักษณะงานต่างกัน (fix / build)" in reason.summary_th
    assert reason.summary_th.endswith("พื้นที่เดียวกัน")


def test_items_report_same_issue_same_area_and_shared_rationale_words():
    first = MatchItem(
        title="ขุดเจาะบ่อบาดาล หมู่ที่ 3",
        rationale="ครัวเรือนขาดแคลนน้ำอุปโภคบริโภคในฤดูแล้ง",
        issue_code="WATER",
        area_code="24010101",
    )
    second = MatchItem(
        title="เจาะบ่อน้ำบาดาล หมู่ที่ 9",
        rationale="ฤดูแล้งครัวเรือนขาดแคลนน้ำอุปโภคบริโภค",
        issue_code="WATER",
        area_code="24010109",
    )
    reason = default_matcher().explain(first, second)
    assert reason.same is False  # หมู่ 3 and หมู่ 9: one need each, grouped as a shared need
    assert reason.relation == "shared_need"
    assert reason.same_issue is True
    assert reason.same_area is False
    assert set(reason.rationale_shared_words) >= {"ขาดแคลน", "อุปโภค", "ฤดูแล้ง"}
    assert "ประเด็นเดียวกัน" in reason.summary_th


def test_items_under_different_issues_are_never_the_same():
    first = MatchItem(title="ติดตั้งกล้องวงจรปิด", issue_code="SAFETY")
    second = MatchItem(title="ติดตั้งกล้องวงจรปิด", issue_code="INFRA")
    reason = default_matcher().explain(first, second)
    assert reason.score == 1.0
    assert reason.same is False
    assert reason.same_issue is False

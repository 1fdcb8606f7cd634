"""Facets: what a title does, to what, for whom — read so that different needs stay apart."""

from __future__ import annotations

from planlink.consolidation.text import normalise


def test_repair_and_build_are_different_actions():
    assert normalise("ซ่อมแซมถนนคอนกรีตเสริมเหล็ก").facet_values("action") == {"fix"}
    assert normalise("ก่อสร้างถนนคอนกรีตเสริมเหล็ก").facet_values("action") == {"build"}
    assert normalise("ปรับปรุงระบบประปาหมู่บ้าน").facet_values("action") == {"fix"}


def test_desilting_digging_and_drilling_are_different_actions():
    assert normalise("ขุดลอกสระน้ำสาธารณะ").facet_values("action") == {"dredge"}
    assert normalise("ขุดสระน้ำสาธารณะ").facet_values("action") == {"dig"}
    assert normalise("ขุดเจาะบ่อบาดาล").facet_values("action") == {"drill"}


def test_road_surfaces_are_materials():
    assert normalise("ก่อสร้างถนนลูกรัง").facet_values("material") == {"laterite"}
    assert normalise("ก่อสร้างถนนหินคลุก").facet_values("material") == {"crushed_rock"}
    assert normalise("ก่อสร้างถนนดิน").facet_values("material") == {"earth"}
    assert normalise("ก่อสร้างสะพานไม้").facet_values("material") == {"wood"}


def test_turning_a_laterite_road_into_concrete_asks_for_concrete():
    title = normalise("ปรับปรุงถนนลูกรังเป็นถนน คสล.")
    assert title.facet_values("material") == {"concrete"}
    assert "เป็น" not in title.meaning_tokens


def test_target_groups_and_volunteer_programmes_are_read():
    assert normalise("ส่งเสริมอาชีพผู้พิการ").facet_values("target") == {"disabled"}
    assert normalise("อบรมให้ความรู้สตรีตั้งครรภ์").facet_values("target") == {
        "women",
        "women/pregnant",
    }
    assert normalise("ฝึกอบรม อปพร.").facet_values("volunteer") == {"civil_defence_volunteer"}

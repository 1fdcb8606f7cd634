"""relation(): duplicate, shared need or different, by the rule of issue 12."""

from __future__ import annotations

import pytest

from planlink.consolidation.matching import MatchItem, relation


def test_the_same_road_in_village_3_and_village_7_is_a_shared_need_never_a_duplicate():
    found = relation("ก่อสร้างถนน คสล. หมู่ที่ 3", "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 7")
    assert found.kind == "shared_need"
    assert found.facets["place"]["village"] == "different"
    assert "องค์ประกอบ" in found.reason_th


@pytest.mark.parametrize(
    ("first", "second", "case"),
    [
        (
            "ปรับปรุงระบบประปาหมู่บ้าน จ\u0e4d\u0e32นวน 1 แห่ง ม.4",
            "ปรับปรุงระบบประปาหมู่บ้าน จำนวน 1 แห่ง หมู่ที่ 4",
            "sara am",
        ),
        ("ก่อสร้างถนน คสล. หมู่ที่ ๕", "ก่อสร้างถนน คสล. หมู่ที่ 5", "digits"),
        (
            "ก่อสร้างอาคาร รพ.สต.บ้านโนนทัน",
            "ก่อสร้างอาคาร โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านโนนทัน",
            "abbreviation",
        ),
        (
            "ฝึกอบรมพัฒนาศักยภาพ อสม. หมู่ที่ 2",
            "อบรมพัฒนาศักยภาพอาสาสมัครสาธารณสุขประจำหมู่บ้าน ม.2",
            "abbreviation",
        ),
        ("ปรับปรุงอาคาร ศพด.บ้านนาหว้า", "ปรับปรุงอาคารศูนย์พัฒนาเด็กเล็กบ้านนาหว้า", "abbreviation"),
        ("วางท่อประปา หมู่ที่ 6", "ขยายเขตท่อประปา ม.6 ระยะทาง 1,200 เมตร", "same class of work"),
        (
            "ก่อสร้างถนน คสล. ม.2",
            "ม.2 จัดสร้างถนน คสล. ผิวจราจรกว้าง 5 เมตร ยาว 200 เมตร งบประมาณ 500,000 บาท",
            "order, amounts",
        ),
        (
            "ก่อสร้างถนน คสล. หมู่ที่ 4 ตำบลนาดี อำเภอกุมภวาปี จังหวัดอุดรธานี",
            "ก่อสร้างถนน คสล. หมู่ที่ 4",
            "scope inherited",
        ),
    ],
)
def test_the_same_need_in_the_same_place_however_written_is_a_duplicate(first, second, case):
    assert relation(first, second).kind == "duplicate", case


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ก่อสร้างถนน คสล. หมู่ที่ 3", "ซ่อมแซมถนน คสล. หมู่ที่ 3"),
        ("ขุดลอกคลองห้วยทราย", "ก่อสร้างฝายน้ำล้น คสล. คลองห้วยทราย"),
        ("อุดหนุนอาหารกลางวันนักเรียน โรงเรียนบ้านนาดี", "ปรับปรุงอาคารเรียน โรงเรียนบ้านนาดี"),
        ("ก่อสร้างอาคารผู้ป่วยนอก โรงพยาบาลพังโคน", "ก่อสร้างบ้านพักเจ้าหน้าที่ โรงพยาบาลพังโคน"),
        ("ติดตั้งไฟฟ้าส่องสว่าง หมู่ที่ 8", "ขยายเขตไฟฟ้าแรงต่ำ หมู่ที่ 8"),
    ],
)
def test_another_kind_of_work_or_another_object_in_the_same_place_is_different(first, second):
    assert relation(first, second).kind == "different"


@pytest.mark.parametrize(
    ("first", "second", "level"),
    [
        ("ขุดลอกคลองห้วยทราย ช่วงที่ 1", "ขุดลอกคลองห้วยทราย ช่วงที่ 2", "segment"),
        (
            "ซ่อมสร้างผิวทาง ทางหลวงหมายเลข 212 กม.10+000-12+000",
            "ซ่อมสร้างผิวทาง ทางหลวงหมายเลข 212 กม.20+000-25+000",
            "segment",
        ),
        ("ปรับปรุงอาคารเรียน โรงเรียนบ้านนาดี", "ปรับปรุงอาคารเรียน โรงเรียนบ้านโนนสูง", "facility"),
        ("ก่อสร้างถนน คสล. บ้านนาดี ตำบลนาดี", "ก่อสร้างถนน คสล. บ้านนาดี ตำบลหนองแวง", "tambon"),
    ],
)
def test_the_same_work_elsewhere_is_a_shared_need(first, second, level):
    found = relation(first, second)
    assert found.kind == "shared_need"
    assert found.facets["place"][level] == "different"


def test_a_level_left_out_is_taken_from_the_item_scope():
    village_3 = MatchItem("ก่อสร้างถนน คสล.", area_code="41010103")
    village_7 = MatchItem("ก่อสร้างถนน คสล.", area_code="41010107")
    assert relation(village_3, village_7).kind == "shared_need"
    tambon_plan_entry = MatchItem("ก่อสร้างถนน คสล. หมู่ที่ 3", area_code="410101")
    assert relation(tambon_plan_entry, village_3).kind == "duplicate"
    assert (
        relation("ก่อสร้างถนน คสล.", "ก่อสร้างถนน คสล.", scope_a="41010103", scope_b="42010103").kind
        == "shared_need"
    )


def test_strengthening_a_family_is_not_construction():
    from planlink.consolidation.features import actions_of

    assert actions_of("เสริมสร้างความอบอุ่นในครอบครัว") == frozenset()
    assert actions_of("สร้างอาชีพสร้างรายได้") == frozenset()
    assert actions_of("สร้างถนน คสล.") == frozenset({"build"})
    assert actions_of("ปรับปรุงซ่อมแซมถนน") == frozenset({"repair"})
    assert actions_of("ขยายเขตท่อประปา") == actions_of("วางท่อประปา") == frozenset({"water_pipe"})

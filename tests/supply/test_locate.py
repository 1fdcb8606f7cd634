"""Locating a funded item from its Thai text, level by level, inside each parent (issue 13)."""

from __future__ import annotations

import pytest

from planlink.areas.locate import Gazetteer
from tests.factories import village

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer(reference_data):
    village("95010809", "บ้านท่าสาปใต้")
    village("95010804", "บ้านลำปำ")
    return Gazetteer()


def test_province_level(gazetteer):
    found = gazetteer.locate("จัดซื้อครุภัณฑ์การแพทย์ โรงพยาบาลศูนย์ จังหวัดยะลา")
    assert (found.code, found.level) == ("95", "province")
    assert "จังหวัดยะลา" in found.text


def test_district_level_with_abbreviations(gazetteer):
    found = gazetteer.locate("ปรับปรุงอาคารที่ว่าการอำเภอ อ.เบตง จ.ยะลา")
    assert (found.code, found.level) == ("9502", "district")
    assert "อ.เบตง" in found.text


def test_mueang_district_written_short(gazetteer):
    found = gazetteer.locate("ก่อสร้างรางระบายน้ำ ต.ท่าสาป อ.เมือง จ.ยะลา")
    assert (found.code, found.level) == ("950108", "tambon")


def test_tambon_level_full_words(gazetteer):
    found = gazetteer.locate(
        "ก่อสร้างอาคารเรียนแบบ สปช.105/29 โรงเรียนบ้านบือแนปีแน ตำบลสะเตง อำเภอเมืองยะลา จังหวัดยะลา"
    )
    assert (found.code, found.level) == ("950101", "tambon")
    assert found.via == "text"
    assert "ตำบลสะเตง" in found.text


def test_village_level_by_number(gazetteer):
    found = gazetteer.locate("ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ ๙ ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา")
    assert (found.code, found.level) == ("95010809", "village")
    assert "หมู่ที่ 9" in found.text


def test_village_level_by_name(gazetteer):
    found = gazetteer.locate("ซ่อมแซมถนนลูกรัง บ้านลำปำ ต.ท่าสาป อ.เมืองยะลา จ.ยะลา")
    assert (found.code, found.level) == ("95010804", "village")


def test_unknown_village_number_stays_at_tambon(gazetteer):
    found = gazetteer.locate("ก่อสร้างฝายชะลอน้ำ ม.12 ต.ท่าสาป อ.เมืองยะลา จ.ยะลา")
    assert (found.code, found.level) == ("950108", "tambon")
    assert any("หมู่ที่ 12" in note for note in found.notes)


def test_ocr_misspelt_tambon_resolved_inside_its_district(gazetteer):
    # "สะเดง" is an OCR reading of "สะเตง" (ต → ด); resolved among the tambons of เมืองยะลา only.
    found = gazetteer.locate("ปรับปรุงซ่อมแซมถนนสายบาโงยแบรอ ตำบลสะเดง อำเภอเมืองยะลา จังหวัดยะลา")
    assert (found.code, found.level, found.via) == ("950101", "tambon", "fuzzy")


def test_ambiguous_tambon_stays_at_district(gazetteer):
    # "สะเตงน" is as close to สะเตง as to สะเตงนอก: never guessed.
    found = gazetteer.locate("ก่อสร้างท่อลอดเหลี่ยม ตำบลสะเตงน อำเภอเมืองยะลา จังหวัดยะลา")
    assert (found.code, found.level) == ("9501", "district")
    assert any("กำกวม" in note for note in found.notes)


def test_tambon_name_of_another_province_is_not_taken(gazetteer):
    # หน้าเมือง exists in ฉะเชิงเทรา (240101) but not in ยะลา's เมือง district.
    found = gazetteer.locate("ก่อสร้างลานกีฬา ตำบลหน้าเมือง อำเภอเมืองยะลา จังหวัดยะลา")
    assert (found.code, found.level) == ("9501", "district")


def test_tambon_without_district_needs_a_unique_name_in_the_province(gazetteer):
    unique = gazetteer.locate("ขุดลอกคลอง ตำบลโสธร จังหวัดฉะเชิงเทรา")
    assert (unique.code, unique.level) == ("240112", "tambon")
    # บ้านใหม่ is a tambon of two districts of นนทบุรี (120306, 120603): stays at the province.
    found = gazetteer.locate("ขุดลอกคลอง ตำบลบ้านใหม่ จังหวัดนนทบุรี")
    assert (found.code, found.level) == ("12", "province")
    assert any("กำกวม" in note for note in found.notes)


def test_the_units_area_is_the_parent_when_the_text_names_no_province(gazetteer):
    found = gazetteer.locate("ก่อสร้างถนน คสล. ต.ท่าสาป", hint="9501")
    assert (found.code, found.level) == ("950108", "tambon")
    assert gazetteer.locate("ก่อสร้างถนน คสล. ต.ท่าสาป").level == "none"


def test_nothing_named(gazetteer):
    found = gazetteer.locate("จัดซื้อวัสดุสำนักงาน")
    assert (found.code, found.level, found.text) == ("", "none", "")


def test_bangkok_khet_and_khwaeng(gazetteer):
    found = gazetteer.locate("ปรับปรุงทางเท้า แขวงสีลม เขตบางรัก กรุงเทพมหานคร")
    assert (found.code, found.level) == ("100402", "tambon")


def test_a_tambon_name_the_facet_reader_takes_for_a_market(gazetteer):
    # "ตลาดเหนือ" starts with ตลาด (a market): still the tambon of เมืองภูเก็ต.
    found = gazetteer.locate("ขยายเขตไฟฟ้า หมู่ที่ 13 ตำบลตลาดเหนือ จ.ภูเก็ต")
    assert (found.code, found.level) == ("830102", "tambon")

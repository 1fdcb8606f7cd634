"""Free text shown publicly hides people: names after a title, phone and ID numbers
(planlink.core.privacy). Real Thai strings of the kind villages type into their plans."""

from __future__ import annotations

import pytest

from planlink.core.privacy import MASK, mask_personal


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # a name after a title, with its surname
        ("ซ่อมถนนหน้าบ้านนายสมชาย ใจดี", "ซ่อมถนนหน้าบ้านนาย*** ***"),
        ("ขุดลอกสระน้ำบ้านนายสมชาย", "ขุดลอกสระน้ำบ้านนาย***"),
        ("ถนนสายบ้านนางสมศรี ถึงบ้านนางสาวมาลี", "ถนนสายบ้านนาง*** ถึงบ้านนางสาว***"),
        ("นายสมชาย ใจดี ผู้ใหญ่บ้าน แจ้งว่าซ้ำ", "นาย*** *** ผู้ใหญ่บ้าน แจ้งว่าซ้ำ"),
        ("นาย สมชาย ใจดี", "นาย *** ***"),
        ("น.ส.วิภา แก้วมณี ขอรับทุน", "น.ส.*** *** ขอรับทุน"),
        ("ทุนการศึกษา ด.ช.ธนา มีสุข", "ทุนการศึกษา ด.ช.*** ***"),
        ("ด.ญ.ปิยะพร ศรีสุข และ ด.ช.ก้องภพ", "ด.ญ.*** *** และ ด.ช.***"),
        ("เด็กหญิงมะลิ วงศ์ดี", "เด็กหญิง*** ***"),
        ("นายแพทย์ประเสริฐ", "นายแพทย์***"),
        ("นายกมล อยู่เย็น", "นาย*** ***"),  # a name beginning with ก is still a name
        ("ซ่อมบ้านนางเฉลา", "ซ่อมบ้านนาง***"),  # a leading vowel begins a name
        ("กำนันสมศักดิ์ รักดี แจ้งว่าซ้ำ", "กำนัน*** *** แจ้งว่าซ้ำ"),
        # phone numbers, Arabic and Thai digits, with and without separators
        ("ติดต่อ 081-234-5678", "ติดต่อ xxx-xxx-xxxx"),
        ("ติดต่อ0812345678ได้ทุกวัน", "ติดต่อxxxxxxxxxxได้ทุกวัน"),
        ("โทร. ๐๘๑-๒๓๔-๕๖๗๘", "โทร. xxx-xxx-xxxx"),
        ("โทร 095 123 4567", "โทร xxx xxx xxxx"),
        ("สำนักงาน 02-123-4567", "สำนักงาน xx-xxx-xxxx"),
        ("อบต. 038-511-234", "อบต. xxx-xxx-xxx"),
        ("+66 81 234 5678", "+xx xx xxx xxxx"),
        # 13-digit identification numbers
        ("บัตรประชาชน 1-2345-67890-12-3", "บัตรประชาชน x-xxxx-xxxxx-xx-x"),
        ("เลข 3240100123456 ของผู้ขอ", "เลข xxxxxxxxxxxxx ของผู้ขอ"),
        ("เลข ๓๒๔๐๑๐๐๑๒๓๔๕๖", "เลข xxxxxxxxxxxxx"),
        # e-mail
        ("ส่งที่ somchai.j@gmail.com", f"ส่งที่ {MASK}@gmail.com"),
        ("Mr. John Smith asked", "Mr. *** *** asked"),
    ],
)
def test_personal_data_is_masked(text, masked):
    assert mask_personal(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        # offices and occupations that begin with a title are not names
        "ขอให้นายกเทศมนตรีตำบลบางพระพิจารณา",
        "นายก อบต.บางพระ",
        "นายกองค์การบริหารส่วนตำบล",
        "นายอำเภอเมืองฉะเชิงเทรา",
        "จ้างนายช่างโยธาออกแบบ",
        "นางพยาบาลประจำ รพ.สต.",
        "กำนันตำบลบางพระ",
        "ประชุมกำนันและผู้ใหญ่บ้าน",
        "ผู้ใหญ่บ้านหมู่ 3",
        # places
        "อำเภอนางรอง จังหวัดบุรีรัมย์",
        "บ้านนายาว หมู่ 3",
        "บ้านนางิ้ว",
        # numbers that are not phones or IDs
        "งบประมาณ 1,500,000 บาท ปี 2567",
        "รหัสหมู่บ้าน 24010101",
        "วันที่ 01-12-2567",
        "ยาว 1,200 เมตร กว้าง 4 เมตร หนา 0.15 เมตร",
        "ขุดลอกคลองส่งน้ำ หมู่ที่ ๗",
        "",
    ],
)
def test_text_without_personal_data_is_unchanged(text):
    assert mask_personal(text) == text


def test_none_gives_empty_text():
    assert mask_personal(None) == ""


def test_masking_twice_changes_nothing_more():
    once = mask_personal("บ้านนายสมชาย ใจดี โทร 081-234-5678 เลข 1-2345-67890-12-3")
    assert mask_personal(once) == once
    for private in ("สมชาย", "ใจดี", "5678", "67890"):
        assert private not in once

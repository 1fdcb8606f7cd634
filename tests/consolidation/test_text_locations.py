"""Village numbers and place names are kept as location, not as meaning."""

from __future__ import annotations

from planlink.consolidation.text import normalise


def test_village_number_and_village_name_go_to_location():
    title = normalise("ขุดลอกหนองน้ำสาธารณะ บ้านหนองบัว หมู่ที่ 1")
    assert title.location_tokens == ("หมู่ที่ 1", "บ้านหนองบัว")
    assert title.meaning_tokens == ("ขุดลอก", "หนอง", "สาธารณะ")


def test_abbreviated_village_number_is_read_as_a_village():
    assert normalise("ส่งเสริมอาชีพกลุ่มแม่บ้าน ม.๓").location_tokens == ("หมู่ที่ 3",)


def test_a_lower_secondary_grade_is_not_read_as_a_village_number():
    title = normalise("ส่งเสริมให้เด็กจบชั้น ม.3 ได้เรียนต่อ")
    assert title.location_tokens == ()
    assert "หมู่ที่ 3" not in title.location_tokens


def test_a_road_between_two_villages_names_both_villages():
    title = normalise("ซ่อมแซมถนนลูกรังสายบ้านนาคำถึงบ้านโคกกลาง")
    assert title.location_tokens == ("บ้านนาคำ", "บ้านโคกกลาง")
    assert title.meaning_tokens == ("ซ่อมแซม", "ถนน", "ลูกรัง")


def test_tambon_district_and_alley_names_are_locations():
    title = normalise("ขุดลอกหนองน้ำ ต.นาคำ อ.เมือง")
    assert title.location_tokens == ("ตำบลนาคำ", "อำเภอเมือง")
    assert normalise("ก่อสร้างถนน คสล. ซอยร่วมใจ").location_tokens == ("ซอยร่วมใจ",)
    assert normalise("ก่อสร้างถนน คสล. ซ.3").location_tokens == ("ซอย 3",)


def test_a_house_of_the_poor_is_meaning_not_a_village_called_ผู้ยากไร้():
    title = normalise("ซ่อมแซมบ้านผู้ยากไร้ หมู่ที่ 8 บ้านนาดี")
    assert title.meaning_tokens == ("ซ่อมแซม", "บ้าน", "ผู้ยากไร้")
    assert title.location_tokens == ("หมู่ที่ 8", "บ้านนาดี")


def test_the_same_project_in_two_villages_differs_only_in_location():
    first = normalise("ติดตั้งกล้องวงจรปิด (CCTV) บ้านวังน้ำเย็น หมู่ที่ 11")
    second = normalise("ติดตั้งกล้องวงจรปิด (CCTV) บ้านดงเย็น หมู่ที่ 3")
    assert first.meaning_tokens == second.meaning_tokens == ("ติดตั้ง", "กล้องวงจรปิด")
    assert first.location_tokens != second.location_tokens

"""Places read as structure (issue 12, item 2): หมู่/บ้าน/ตำบล/อำเภอ/จังหวัด, segments, named
facilities and route numbers, with Thai or Arabic digits and the usual abbreviations."""

from __future__ import annotations

from planlink.areas.places import read_places


def test_village_tambon_amphoe_and_province_in_full_and_abbreviated_form():
    full = read_places("ก่อสร้างถนน คสล. หมู่ที่ ๓ บ้านนาดี ตำบลนาดี อำเภอกุมภวาปี จังหวัดอุดรธานี")
    short = read_places("ก่อสร้างถนน คสล. ม.3 บ้านนาดี ต.นาดี อ.กุมภวาปี จ.อุดรธานี")
    for places in (full, short):
        assert places.village_no == (3,)
        assert places.village_name == ("นาดี",)
        assert places.tambon == ("นาดี",)
        assert places.amphoe == ("กุมภวาปี",)
        assert places.province == ("อุดรธานี",)
        assert places.need_text == "ก่อสร้างถนน คสล."


def test_a_list_of_villages_is_read_as_several_numbers():
    assert read_places("ก่อสร้างถนนลาดยาง หมู่ที่ 3, 7 และ 9").village_no == (3, 7, 9)


def test_km_segments_sections_and_sides():
    places = read_places("ขุดลอกคลองห้วยทราย ช่วงที่ 2 กม. 1+000 – 2+500 ฝั่งซ้าย")
    assert set(places.segments) == {"ช่วง 2", "กม.1+000-2+500", "ฝั่งซ้าย"}
    assert places.facilities == ("คลองห้วยทราย",)
    assert places.need_text == "ขุดลอก คลอง"


def test_named_schools_hospitals_and_a_route_between_villages():
    school = read_places("อุดหนุนอาหารกลางวัน ร.ร.บ้านหนองยาว ตำบลหนองยาว")
    assert school.facilities == ("โรงเรียนบ้านหนองยาว",)
    assert school.village_name == ()  # the school's name is not the village of the entry
    hospital = read_places("ก่อสร้างอาคารผู้ป่วยนอก รพ.สต.บ้านโนนสูง")
    assert hospital.facilities == ("รพ.สต.บ้านโนนสูง",)
    assert hospital.need_text == "ก่อสร้างอาคารผู้ป่วยนอก รพ.สต."
    road = read_places("ก่อสร้างถนน คสล. สายบ้านนาดี - บ้านโนนสูง หมู่ที่ 5")
    assert road.facilities == ("สายบ้านนาดี-บ้านโนนสูง",)
    assert road.village_no == (5,)


def test_identifying_numbers_of_highways_and_canals():
    highway = read_places("ซ่อมสร้างผิวทางแอสฟัลท์ ทางหลวงหมายเลข ๒๓๒ กม.12+300-14+000")
    assert highway.route_ids == ("ทางหลวง 232",)
    assert highway.segments == ("กม.12+300-14+000",)
    assert read_places("ดาดคอนกรีตคลองส่งน้ำสาย 3L-1R").route_ids == ("สาย 3L-1R",)


def test_a_house_is_not_a_village_and_a_title_without_places_has_none():
    assert read_places("ซ่อมแซมบ้านผู้ยากไร้ หมู่ที่ 2").village_name == ()
    assert read_places("จัดซื้อรถบรรทุกน้ำอเนกประสงค์").is_empty


def test_spans_point_into_the_cleaned_text():
    places = read_places("ขุดลอกหนองน้ำ ม.๔ บ้านหนองบัว")
    for span in places.spans:
        assert span.value.replace(" ", "") in places.text[span.start : span.end].replace(
            " ", ""
        ) or (span.field == "village_no")
    assert places.text == "ขุดลอกหนองน้ำ ม.4 บ้านหนองบัว"


def test_village_numbers_written_without_a_space_are_read_but_not_units():
    assert read_places("ก่อสร้างถนน คสล.ม.3").village_no == (3,)
    assert read_places("ขุดเจาะบ่อบาดาลหมู่ที่8").village_no == (8,)
    joined = read_places("บ้านนาดีหมู่ 3 ก่อสร้างถนน")
    assert (joined.village_no, joined.village_name) == ((3,), ("นาดี",))
    assert read_places("ก่อสร้างถนน คสล. สาย ม.2 - ม.7").village_no == (2, 7)
    assert read_places("ก่อสร้างถนน คสล. สาย ม.2 - ม.7").route_ids == ()
    assert read_places("ขุดลอกหนอง 1,200 ลบ.ม. 3 แห่ง").village_no == ()
    assert read_places("วางท่อ 30 ซม.2 จุด").village_no == ()


def test_baan_as_home_or_inside_muu_baan_is_not_a_village_name():
    assert read_places("ส่งเสริมหมู่บ้านสีขาวปลอดยาเสพติด หมู่ที่ 3").village_name == ()
    assert read_places("ก่อสร้างระบบประปาหมู่บ้าน แบบบาดาล บ้านดงเย็น").village_name == ("ดงเย็น",)
    assert read_places("โครงการเยี่ยมบ้านดูแลผู้ป่วยติดเตียง หมู่ที่ 1").village_name == ()
    assert read_places("ดูแลผู้ป่วยติดเตียงที่บ้าน หมู่ที่ 3").village_name == ()


def test_a_scanned_muu_thi_without_its_tone_mark_is_still_a_village_but_a_pig_is_not():
    assert read_places("ซ่อมแซมประปาหมู่บ้าน หมูที่ 15 บ้านสามขา").village_no == (15,)
    assert read_places("ส่งเสริมการเลี้ยงหมู 20 ตัว หมู่ที่ 4").village_no == (4,)

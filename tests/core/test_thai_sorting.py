"""Thai strings sort in dictionary order: leading vowels after their consonant, tones last."""

from planlink.core.thai import thai_sort_key


def test_leading_vowels_sort_after_the_consonant_they_precede():
    words = ["ไก่", "เป็ด", "หมู", "กาล", "เกิด", "วัว", "วันที่"]
    assert sorted(words, key=thai_sort_key) == [
        "กาล", "เกิด", "ไก่", "เป็ด", "วันที่", "วัว", "หมู",
    ]  # fmt: skip


def test_plain_code_point_order_would_be_wrong_for_these_words():
    words = ["ไก่", "เป็ด", "กาล"]
    assert sorted(words) == ["กาล", "เป็ด", "ไก่"]
    assert sorted(words, key=thai_sort_key) == ["กาล", "ไก่", "เป็ด"]


def test_tone_marks_only_break_ties():
    assert sorted(["กาก", "ก่า", "กา"], key=thai_sort_key) == ["กา", "ก่า", "กาก"]
    assert sorted(["ข้าว", "ขาว", "ข่าว"], key=thai_sort_key) == ["ขาว", "ข่าว", "ข้าว"]


def test_tambon_names_sort_like_a_thai_directory():
    tambons = ["แม่ทะ", "บ้านเป้า", "โป่งแดง", "เกาะคา", "ไหล่หิน", "นาแก้ว"]
    assert sorted(tambons, key=thai_sort_key) == [
        "เกาะคา", "นาแก้ว", "บ้านเป้า", "โป่งแดง", "แม่ทะ", "ไหล่หิน",
    ]  # fmt: skip


def test_thai_and_arabic_digits_sort_together():
    villages = ["หมู่ ๓", "หมู่ 2", "หมู่ ๑"]
    assert sorted(villages, key=thai_sort_key) == ["หมู่ ๑", "หมู่ 2", "หมู่ ๓"]

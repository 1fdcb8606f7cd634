"""Numbers in a title (quantity, budget, village number) never decide which need it is."""

from planlink.consolidation.matching import Matcher, _signature


def test_titles_differing_only_in_numbers_share_one_signature():
    first = _signature("ก่อสร้างถนน คสล. ยาว 200 เมตร หมู่ที่ 3")
    second = _signature("ก่อสร้างถนน คสล. ยาว ๕๐๐ เมตร หมู่ที่ 12")
    assert first is second
    assert "ถนน" in first.words


def test_numbers_inside_latin_words_are_kept():
    assert _signature("ติดตั้งเสาสัญญาณ 4G").words != _signature("ติดตั้งเสาสัญญาณ 5G").words


def test_the_same_need_with_other_numbers_is_still_the_same_need():
    matcher = Matcher()
    assert matcher.same("ขุดลอกคลองสาธารณะ ระยะทาง 1,200 เมตร ม.4", "ขุดลอกคลองสาธารณะ 800 ม. หมู่ 9")
    assert not matcher.same("ก่อสร้างถนน คสล. 200 เมตร", "ซ่อมแซมถนนลูกรัง 200 เมตร")

"""Numbers in a title (quantity, budget, village number) never decide which need it is."""

import csv
from pathlib import Path

from planlink.consolidation.matching import Matcher, _signature
from planlink.consolidation.text import normalise

DATA = Path(__file__).parent / "data" / "title_pairs.csv"


def test_titles_differing_only_in_numbers_share_one_signature():
    first = _signature("ก่อสร้างถนน คสล. ยาว 200 เมตร หมู่ที่ 3")
    second = _signature("ก่อสร้างถนน คสล. ยาว ๕๐๐ เมตร หมู่ที่ 12")
    assert first is second
    assert "ถนน" in first.words


def test_sharing_changes_no_signature_in_the_labelled_set():
    """Every labelled title reads the same words and facets with or without the sharing."""
    titles = set()
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            titles.update((row["a"], row["b"]))
    for title in titles:
        direct = normalise(title)
        signature = _signature(title)
        assert signature.words == frozenset(direct.meaning_tokens), title
        assert signature.facets == {
            name: frozenset(v for n, v in direct.facets if n == name) for name, _ in direct.facets
        }, title


def test_the_same_need_with_other_numbers_is_still_the_same_need():
    matcher = Matcher()
    assert matcher.same("ขุดลอกคลองสาธารณะ ระยะทาง 1,200 เมตร ม.4", "ขุดลอกคลองสาธารณะ 800 ม. หมู่ 4")
    other_village = matcher.relation(
        "ขุดลอกคลองสาธารณะ 1,200 เมตร ม.4", "ขุดลอกคลองสาธารณะ 800 ม. หมู่ 9"
    )
    assert other_village.kind == "shared_need"
    assert not matcher.same("ก่อสร้างถนน คสล. 200 เมตร", "ซ่อมแซมถนนลูกรัง 200 เมตร")

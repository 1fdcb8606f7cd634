import pytest

from planlink.areas.crosswalk import AreaCodeError, resolve_code, resolve_codes

pytestmark = pytest.mark.django_db


def test_a_current_code_resolves_to_itself(reference_data):
    assert resolve_code("240101") == "240101"


def test_an_abolished_code_maps_to_its_single_successor(reference_data):
    # 530306 ท่าแฝก (Uttaradit) moved to 530407 (SOURCES.md §4).
    assert resolve_code("530306") == "530407"


def test_a_code_split_into_several_successors_is_a_clear_error(reference_data):
    with pytest.raises(AreaCodeError) as error:
        resolve_code("104701")
    assert "104702" in error.value.message_th
    assert "บางนา" in error.value.message_th


def test_an_unknown_code_is_a_clear_error(reference_data):
    with pytest.raises(AreaCodeError) as error:
        resolve_code("999999")
    assert error.value.message_th == "ไม่พบรหัสพื้นที่ 999999"


def test_a_village_under_an_abolished_tambon_moves_with_its_tambon(reference_data):
    from planlink.areas.models import Area

    Area.objects.create(code="53040701", level="village", parent_id="530407", name_th="หมู่ที่ 1")
    resolved, errors = resolve_codes(["53030601"])
    assert errors == {}
    assert resolved == {"53030601": "53040701"}

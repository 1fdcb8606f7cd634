import pytest

from planlink.areas.models import Area
from planlink.areas.villages import load_villages
from planlink.core.commands import UserFacingError
from planlink.simulation.villages import generate_villages

pytestmark = pytest.mark.django_db


def write(tmp_path, text):
    path = tmp_path / "villages.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_real_village_list_is_imported(reference_data, tmp_path):
    path = write(tmp_path, "village_code,name_th\n24010101,บ้านหน้าเมือง\n24010102,บ้านท่าไข่\n")
    assert load_villages(path) == {"rows": 2, "created": 2, "updated": 0}
    village = Area.objects.get(code="24010102")
    assert (village.name_th, village.parent_id, village.synthetic) == ("บ้านท่าไข่", "240101", False)
    assert load_villages(path) == {"rows": 2, "created": 0, "updated": 0}


def test_a_file_with_one_bad_code_is_refused_whole_and_names_the_row(reference_data, tmp_path):
    path = write(
        tmp_path,
        "village_code,name_th\n24010101,บ้านหน้าเมือง\n99990101,บ้านไม่มีจริง\n24010103,บ้านโสธร\n",
    )
    with pytest.raises(UserFacingError) as error:
        load_villages(path)
    assert error.value.problems == [
        {
            "row": 3,
            "column": "village_code",
            "problem": "ไม่พบตำบลรหัส 999901 ของหมู่บ้าน 99990101 / unknown tambon 999901",
        }
    ]
    assert not Area.objects.filter(level="village").exists()


def test_a_file_without_the_required_columns_is_refused(reference_data, tmp_path):
    path = write(tmp_path, "code,name\n24010101,บ้านหน้าเมือง\n")
    with pytest.raises(UserFacingError, match="village_code"):
        load_villages(path)


def test_duplicate_and_malformed_codes_are_reported(reference_data, tmp_path):
    path = write(tmp_path, "village_code,name_th\n24010101,ก\n24010101,ข\n2401010,ค\n24010102,\n")
    with pytest.raises(UserFacingError) as error:
        load_villages(path)
    assert [(p["row"], p["column"]) for p in error.value.problems] == [
        (3, "village_code"),
        (4, "village_code"),
        (5, "name_th"),
    ]


def test_generated_villages_are_numbered_and_marked_synthetic(reference_data):
    result = generate_villages("24")
    villages = Area.objects.within("24").filter(level="village")
    assert villages.count() == result["villages_created"] > 0
    assert not villages.filter(synthetic=False).exists()
    first = villages.order_by("code").first()
    assert (first.code, first.name_th) == ("24010101", "หมู่ที่ 1")
    assert generate_villages("24")["villages_created"] == 0


def test_bangkok_gets_no_generated_villages(reference_data):
    with pytest.raises(UserFacingError, match="กรุงเทพมหานคร"):
        generate_villages("10")

import pytest

from planlink.areas.loaders import load_reference_data
from planlink.areas.models import Area, LocalGovernment, LocalGovernmentCoverage
from planlink.areas.selectors import area_stats

pytestmark = pytest.mark.django_db


def test_the_whole_country_is_loaded_with_official_counts(reference_data):
    stats = area_stats()
    assert stats["clusters"] == 18
    assert stats["provinces"] == 77
    assert stats["districts"] == 928
    assert stats["tambons"] == 7436
    # 7,849 LAOs in DLA's registry plus the Bangkok Metropolitan Administration.
    assert stats["local_governments"] == 7850
    assert stats["agencies"] >= 20


def test_loading_again_changes_nothing(reference_data):
    before = area_stats()
    report = load_reference_data()
    assert report.changed == 0
    assert area_stats() == before


def test_a_changed_name_is_restored_by_the_next_load(reference_data):
    Area.objects.filter(code="24").update(name_th="ชื่อผิด")
    report = load_reference_data()
    assert report.updated["areas"] == 1
    assert Area.objects.get(code="24").name_th == "ฉะเชิงเทรา"


def test_areas_carry_thai_and_english_names_and_their_parent(reference_data):
    tambon = Area.objects.get(code="240101")
    assert tambon.level == Area.Level.TAMBON
    assert tambon.parent_id == "2401"
    assert tambon.parent.parent_id == "24"
    assert tambon.name_th == "หน้าเมือง"
    assert tambon.display_name == "ตำบลหน้าเมือง"
    assert Area.objects.get(code="24").cluster.name_th == "กลุ่มจังหวัดภาคตะวันออก 1"


def test_within_selects_a_subtree_by_code_prefix(reference_data):
    chachoengsao = Area.objects.within("24")
    assert chachoengsao.filter(level=Area.Level.PROVINCE).count() == 1
    assert chachoengsao.filter(level=Area.Level.DISTRICT).count() == 11
    assert all(code.startswith("24") for code in chachoengsao.values_list("code", flat=True))
    assert not Area.objects.within("24").filter(code__startswith="25").exists()
    assert set(Area.objects.below("2401").values_list("level", flat=True)) == {"tambon"}


def test_every_tambon_has_one_inferred_local_government_of_its_district(reference_data):
    coverage = LocalGovernmentCoverage.objects.select_related("local_government").filter(
        tambon__code__startswith="24"
    )
    assert coverage.count() == Area.objects.within("24").filter(level="tambon").count()
    for row in coverage:
        assert row.inferred is True
        assert row.local_government.district_id == row.tambon_id[:4]


def test_bangkok_metropolitan_administration_is_added(reference_data):
    bma = LocalGovernment.objects.get(code="BMA")
    assert bma.kind == LocalGovernment.Kind.BMA
    assert LocalGovernmentCoverage.objects.filter(local_government=bma).count() == 180

import pytest

from planlink.consolidation.merge import accept_pending
from planlink.consolidation.services import consolidate_tambon
from planlink.plans.models import Plan, PlanKind, Project
from planlink.referrals.models import Referral
from tests.consolidation.engine_world import three_villages
from tests.factories import cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def tambon_plan(reference_data):
    three_villages()
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    return Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")


def proposed_sources(project):
    return sorted(
        Referral.objects.filter(proposed_result_project=project).values_list(
            "project__title", flat=True
        )
    )


def test_the_same_need_from_three_villages_is_one_tambon_project_with_three_sources(tambon_plan):
    dredging = tambon_plan.projects.get(issue__code="WATER")
    assert dredging.title == "ขุดลอกคลองหนองบัว (รวม 3 หมู่บ้าน)"
    assert dredging.villages_count == 3
    assert dredging.households == 285
    assert str(dredging.budget) == "1250000.00"
    assert proposed_sources(dredging) == [
        "ขุดลอกคลองหนองบัว หมู่ที่ 1",
        "ขุดลอกคลองหนองบัว หมู่ที่ ๓",
        "โครงการขุดลอกคลองหนองบัว ม.2",
    ]
    assert sorted(dredging.areas.values_list("code", flat=True)) == [
        "24010101",
        "24010102",
        "24010103",
    ]
    assert (
        "ความต้องการเดียวกันจาก 3 พื้นที่"
        in Referral.objects.filter(proposed_result_project=dredging).first().engine_reason
    )


def test_after_acceptance_the_merged_project_keeps_all_three_sources(tambon_plan):
    accept_pending(tambon_plan)
    dredging = tambon_plan.projects.get(issue__code="WATER")
    decided = Referral.objects.filter(result_project=dredging)
    assert decided.count() == 3
    assert set(decided.values_list("decision", flat=True)) == {"merged"}


def test_different_needs_that_share_words_stay_apart(tambon_plan):
    roads = tambon_plan.projects.filter(issue__code="INFRA").order_by("pk")
    assert [p.title for p in roads] == ["ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1", "ซ่อมแซมถนนลูกรังสายบ้านท่าไข่"]


def test_self_reliant_needs_stay_in_the_village(tambon_plan):
    cleaning = Project.objects.get(title="ทำความสะอาดถนนในหมู่บ้าน")
    assert not cleaning.referrals_out.exists()


def test_rerunning_changes_nothing(tambon_plan):
    before = (
        Project.objects.count(),
        Referral.objects.count(),
        sorted(Referral.objects.values_list("pk", "proposed_result_project_id")),
    )
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    after = (
        Project.objects.count(),
        Referral.objects.count(),
        sorted(Referral.objects.values_list("pk", "proposed_result_project_id")),
    )
    assert after == before

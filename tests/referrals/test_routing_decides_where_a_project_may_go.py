"""``planlink.referrals.routing``: one rule for where a project may go (level, capacity, route),
enforced by ``referral_send`` for every person who sends (issue 11)."""

from __future__ import annotations

import pytest

from planlink.areas.models import Agency, LocalGovernment
from planlink.core.errors import DomainError, PermissionDenied
from planlink.plans.models import Plan, PlanKind
from planlink.referrals.models import Referral
from planlink.referrals.routing import forward_route, targets_for
from planlink.referrals.services import referral_send, referral_send_to, to_agency, to_lao, to_plan
from tests.factories import area_plan, make_project, personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(reference_data):
    return personas()


def names(plan: Plan, project=None) -> list[str]:
    return [route.name for route in targets_for(plan, project)]


def test_a_village_plan_goes_to_its_tambon_and_the_laos_covering_it(people):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    laos = list(
        LocalGovernment.objects.filter(coverage__tambon_id="240101")
        .exclude(kind=LocalGovernment.Kind.PAO)
        .values_list("code", flat=True)
    )
    assert laos
    assert names(plan) == ["tambon:240101", *sorted(f"lao:{code}" for code in set(laos))]


def test_a_tambon_plan_goes_to_its_laos_and_the_district_needs_plan(people):
    plan = area_plan(PlanKind.TAMBON, "240101")
    found = names(plan)
    assert found[-1] == "district_needs:2401"
    assert all(name.startswith("lao:") for name in found[:-1])
    assert found[:-1]


def test_district_and_provincial_plans_go_up_and_out(people):
    district = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    assert names(district) == ["provincial_development:24", "provincial_action:24"]
    province = area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "24")
    found = names(province)
    assert found[0] == "provincial_action:24"
    assert "agency:RID" in found
    assert "agency:DRR" in found
    pao = LocalGovernment.objects.get(province_id="24", kind=LocalGovernment.Kind.PAO)
    assert found[-1] == f"lao:{pao.code}"


def test_capacity_and_mode_narrow_the_routes(people):
    tambon = area_plan(PlanKind.TAMBON, "240101")
    within_lao = make_project(tambon, "ซ่อมถนนลูกรังในหมู่บ้าน", capacity_level="lao")
    beyond = make_project(tambon, "ก่อสร้างฝายชะลอน้ำขนาดใหญ่", capacity_level="agency")
    community = make_project(tambon, "ปลูกผักสวนครัวรั้วกินได้", capacity_level="community")
    assert "district_needs:2401" not in names(tambon, within_lao)
    assert all(name.startswith("lao:") for name in names(tambon, within_lao))
    assert names(tambon, beyond) == ["district_needs:2401"]
    assert names(tambon, community) == []
    village = area_plan(PlanKind.VILLAGE, "24010101")
    itself = make_project(village, "ธนาคารขยะชุมชน", mode="self")
    assert names(village, itself) == []


def test_a_person_cannot_send_off_the_route_and_nothing_is_written(people):
    need = make_project(area_plan(PlanKind.VILLAGE, "24010101"), "ก่อสร้างประปาหมู่บ้าน")
    with pytest.raises(DomainError) as refused:
        referral_send(
            project=need, target=to_agency(Agency.objects.get(code="RID")), actor=people["village"]
        )
    assert refused.value.message_th.startswith(
        "ส่งโครงการของแผนชุมชน/แผนพัฒนาหมู่บ้านไปยัง 'agency:RID' ไม่ได้"
    )
    assert "cannot go to 'agency:RID'" in refused.value.message_en
    assert "tambon:240101" in refused.value.details["allowed"]
    assert not Referral.objects.exists()


def test_the_sender_must_act_on_the_source_plan(people):
    need = make_project(area_plan(PlanKind.VILLAGE, "24010101"), "ก่อสร้างประปาหมู่บ้าน")
    tambon = area_plan(PlanKind.TAMBON, "240101")
    for stranger in ("other_village", "lao", "agency", "outsider", "auditor"):
        with pytest.raises(PermissionDenied):
            referral_send(project=need, target=to_plan(tambon), actor=people[stranger])
    assert not Referral.objects.exists()
    # the owner sends; the tambon officer (who reviews village plans) may collect it too
    assert referral_send(project=need, target=to_plan(tambon), actor=people["village"]).pk


def test_a_plan_of_another_cycle_or_area_is_not_a_route(people):
    need = make_project(area_plan(PlanKind.VILLAGE, "24010101"), "ก่อสร้างประปาหมู่บ้าน")
    elsewhere = area_plan(PlanKind.TAMBON, "500101")
    later = area_plan(PlanKind.TAMBON, "240101", fiscal_year=2571)
    for plan in (elsewhere, later):
        with pytest.raises(DomainError):
            referral_send(project=need, target=to_plan(plan), actor=people["village"])
        with pytest.raises(DomainError):
            referral_send_to(project=need, name=f"plan:{plan.pk}", actor=people["village"])
    assert not Referral.objects.exists()


def test_a_refused_send_leaves_no_receiving_plan_behind(people):
    tambon = area_plan(PlanKind.TAMBON, "240101")
    within_lao = make_project(tambon, "ซ่อมถนนลูกรังในหมู่บ้าน", capacity_level="lao")
    with pytest.raises(DomainError) as refused:
        referral_send_to(project=within_lao, name="district_needs:2401", actor=people["tambon"])
    assert "ศักยภาพระดับอปท." in refused.value.message_th
    assert "within lao capacity" in refused.value.message_en
    assert not Plan.objects.filter(kind=PlanKind.DISTRICT_NEEDS).exists()
    assert not Referral.objects.exists()


def test_forwarding_follows_the_coordination_committees_to_the_pao(people):
    need = make_project(area_plan(PlanKind.VILLAGE, "24010101"), "ก่อสร้างถนนเชื่อมตำบล")
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    at_lao = referral_send(project=need, target=to_lao(lao), actor=people["village"])
    assert forward_route(at_lao).name == f"district_lao_committee:{lao.district_id}"
    with pytest.raises(DomainError):
        referral_send(
            project=need,
            target=to_agency(Agency.objects.get(code="RID")),
            actor=people["lao"],
            previous=at_lao,
        )
    assert Referral.objects.count() == 1

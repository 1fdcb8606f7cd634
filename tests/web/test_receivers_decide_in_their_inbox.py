"""The inbox: an LAO includes a coordination-list project for a year, returns one with a reason,
or marks one beyond capacity; the committees forward it towards the อบจ."""

from __future__ import annotations

import pytest

from planlink.areas.models import LocalGovernment
from planlink.plans.models import PlanKind, ProjectBudgetYear
from planlink.referrals.models import Decision, Referral, TargetKind
from planlink.referrals.services import referral_send, to_lao, to_plan
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(people):
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    referrals = [
        referral_send(
            project=make_project(tambon_plan, title, issue_code="INFRA", budget=budget),
            target=to_lao(lao),
            actor=None,
        )
        for title, budget in [
            ("ซ่อมแซมถนนลูกรังสายบ้านหน้าเมือง", 180000),
            ("ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ", 95000),
            ("ก่อสร้างสะพานคอนกรีตข้ามคลองใหญ่", 9500000),
        ]
    ]
    return referrals


def test_the_lao_planner_sees_its_coordination_list(sent, people, signed_in):
    page = signed_in(people["lao"]).get("/inbox/").content.decode()
    for referral in sent:
        assert referral.project.title in page
    assert (
        sent[0].project.title not in signed_in(people["outsider"]).get("/inbox/").content.decode()
    )


def test_including_puts_a_copy_in_the_local_development_plan_for_the_year(sent, people, signed_in):
    road = sent[0]
    signed_in(people["lao"]).post(
        f"/referrals/{road.pk}/decide/", {"action": "include", "fiscal_year": "2571"}
    )
    road.refresh_from_db()
    assert road.decision == Decision.INCLUDED
    copy = road.result_project
    assert copy.plan.kind == PlanKind.LOCAL_DEVELOPMENT
    assert copy.plan.owner_lao_id == people["lao_code"]
    assert copy.title == "ซ่อมแซมถนนลูกรังสายบ้านหน้าเมือง"
    assert list(
        ProjectBudgetYear.objects.filter(project=copy).values_list("fiscal_year", "amount")
    ) == [(2571, road.project.budget)]


def test_returning_without_a_reason_is_refused_and_changes_nothing(sent, people, signed_in):
    lights = sent[1]
    client = signed_in(people["lao"])
    response = client.post(
        f"/referrals/{lights.pk}/decide/", {"action": "return", "reason": ""}, follow=True
    )
    assert "ต้องระบุเหตุผล" in response.content.decode()
    lights.refresh_from_db()
    assert lights.decision == Decision.PENDING
    client.post(
        f"/referrals/{lights.pk}/decide/",
        {"action": "return", "reason": "ซ้ำกับโครงการในข้อบัญญัติงบประมาณ 2569"},
    )
    lights.refresh_from_db()
    assert (lights.decision, lights.reason) == (
        Decision.RETURNED,
        "ซ้ำกับโครงการในข้อบัญญัติงบประมาณ 2569",
    )


def test_beyond_capacity_goes_to_the_district_committee_then_the_province_then_the_pao(
    sent, people, signed_in
):
    bridge = sent[2]
    signed_in(people["lao"]).post(
        f"/referrals/{bridge.pk}/decide/", {"action": "forward", "reason": "เกินศักยภาพ อบต."}
    )
    at_district = Referral.objects.get(previous=bridge)
    assert at_district.target_key == "district_lao_committee:2401"
    district = signed_in(people["district"])
    assert bridge.project.title in district.get("/district/2401/").content.decode()
    district.post(f"/referrals/{at_district.pk}/decide/", {"action": "forward"})
    at_province = Referral.objects.get(previous=at_district)
    assert at_province.target_key == "provincial_lao_committee:24"
    province = signed_in(people["province"])
    assert bridge.project.title in province.get("/province/24/").content.decode()
    province.post(f"/referrals/{at_province.pk}/decide/", {"action": "forward"})
    at_pao = Referral.objects.get(previous=at_province)
    pao = LocalGovernment.objects.get(province_id="24", kind=LocalGovernment.Kind.PAO)
    assert (at_pao.target_kind, at_pao.to_lao_id) == (TargetKind.PAO, pao.code)


def test_someone_who_is_not_the_receiver_cannot_decide(sent, people, signed_in):
    road = sent[0]
    response = signed_in(people["tambon"]).post(
        f"/referrals/{road.pk}/decide/", {"action": "return", "reason": "ไม่ใช่ผู้รับ"}
    )
    assert response.status_code == 403
    road.refresh_from_db()
    assert road.decision == Decision.PENDING


def test_the_district_inbox_holds_what_is_addressed_to_the_district_only(people, signed_in):
    from planlink.areas.models import Area
    from planlink.referrals.services import to_committee

    village_plan = area_plan(PlanKind.VILLAGE, "24010101")
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    for number in range(1, 6):
        need = make_project(village_plan, f"ขุดบ่อน้ำตื้นจุดที่ {number}", issue_code="WATER")
        referral_send(project=need, target=to_plan(tambon_plan), actor=None)
    bridge = make_project(tambon_plan, "ก่อสร้างสะพานข้ามคลองท่าไข่", issue_code="INFRA")
    referral_send(
        project=bridge,
        target=to_committee(TargetKind.DISTRICT_LAO_COMMITTEE, Area.objects.get(code="2401")),
        actor=None,
    )
    page = signed_in(people["district"]).get("/inbox/").content.decode()
    assert "ก่อสร้างสะพานข้ามคลองท่าไข่" in page
    assert "ขุดบ่อน้ำตื้นจุดที่" not in page
    tambon_page = signed_in(people["tambon"]).get("/inbox/").content.decode()
    assert tambon_page.count("ขุดบ่อน้ำตื้นจุดที่") == 5

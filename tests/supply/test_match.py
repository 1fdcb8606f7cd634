"""Matching funded items to recorded needs, place first; confirm funds the lineage; reject leaves nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planlink.areas.models import Agency
from planlink.core.errors import DomainError, StateError
from planlink.plans.models import PlanKind
from planlink.referrals.lineage import outcomes_for, trace
from planlink.referrals.models import Decision, FundingRequest, Referral
from planlink.referrals.services import referral_decide, referral_send, to_agency, to_plan
from planlink.supply.imports import import_supply
from planlink.supply.models import ItemState, SupplyItem
from planlink.supply.services import match_confirm, match_reject
from tests.factories import area_plan, make_project, village
from tests.supply.helpers import csv_bytes

pytestmark = pytest.mark.django_db
YEAR = 2570


def _include(source, plan, title, areas):
    receiving = make_project(plan, title, issue_code="WATER", areas=areas)
    referral = referral_send(project=source, target=to_plan(plan), actor=None)
    referral_decide(referral=referral, actor=None, decision="included", result_project=receiving)
    return receiving


@pytest.fixture
def demand(reference_data):
    """Wells of หมู่ 4 and หมู่ 9 of ตำบลท่าสาป, up to the district; schools of two tambons."""
    m4, m9 = village("95010804", "บ้านลำปำ"), village("95010809", "บ้านท่าสาปใต้")
    village("95010807", "บ้านบาเจาะ")
    tambon_plan = area_plan(PlanKind.TAMBON, "950108")
    district_plan = area_plan(PlanKind.DISTRICT_NEEDS, "9501")
    province_plan = area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "95")
    needs = {}
    for area, number in ((m4, 4), (m9, 9)):
        need = make_project(
            area_plan(PlanKind.VILLAGE, area.code),
            f"ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ {number}",
            issue_code="WATER",
        )
        tambon = _include(
            need, tambon_plan, f"ขุดเจาะบ่อบาดาลเพื่อการเกษตร หมู่ที่ {number} ตำบลท่าสาป", [area]
        )
        needs[number] = (need, tambon)
    district = _include(
        needs[9][1], district_plan, "ขุดเจาะบ่อบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลท่าสาป", [m9]
    )
    referral_send(project=district, target=to_plan(province_plan), actor=None)  # pending
    referral_send(project=needs[4][1], target=to_plan(district_plan), actor=None)  # pending
    schools = {}
    for code, name in (("950101", "สะเตง"), ("950108", "ท่าสาป")):
        from planlink.areas.models import Area

        school = make_project(
            province_plan,
            f"ก่อสร้างอาคารเรียน โรงเรียนบ้าน{name} ตำบล{name}",
            issue_code="EDU",
            areas=[Area.objects.get(code=code)],
        )
        referral_send(project=school, target=to_agency(Agency.objects.get(code="OBEC")), actor=None)
        schools[name] = school
    return {"wells": needs, "district_well": district, "schools": schools}


HEADER = ["ref", "รายการ", "จำนวนเงิน", "หน่วยรับงบประมาณ", "กระทรวง", "ปีงบประมาณ", "area_code"]


def _import(rows):
    import_supply(csv_bytes(rows, HEADER), cycle_year=YEAR)
    return {item.ref: item for item in SupplyItem.objects.all()}


def test_well_of_mu_9_is_proposed_on_its_own_lineage_never_on_mu_4(demand):
    items = _import([
        ["W9", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ ๙ ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
         "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    item = items["W9"]
    assert item.area_code == "95010809"
    assert item.state == ItemState.PROPOSED
    assert item.matched_project_id == demand["district_well"].pk  # the highest of its lineage
    assert "ความต้องการซ้ำ" in item.match_reason
    assert item.match_score >= 0.5


def test_well_of_a_village_that_asked_for_nothing_is_not_joined_to_a_neighbour(demand):
    items = _import([
        ["W7", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 7 ต.ท่าสาป อ.เมืองยะลา จ.ยะลา",
         "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    item = items["W7"]
    assert item.area_code == "95010807"
    assert item.state == ItemState.UNMATCHED
    assert item.matched_project_id is None


def test_tambon_level_item_between_two_villages_is_not_guessed(demand):
    items = _import([
        ["WT", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
         "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    assert items["WT"].location_level == "tambon"
    assert items["WT"].state == ItemState.UNMATCHED


def test_school_funding_goes_to_the_school_of_its_own_tambon(demand):
    items = _import([
        ["S1", "ก่อสร้างอาคารเรียน โรงเรียนบ้านสะเตง ตำบลสะเตง อำเภอเมืองยะลา จังหวัดยะลา",
         "5,200,000", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "", "2570", ""],
    ])  # fmt: skip
    item = items["S1"]
    assert item.area_code == "950101"
    assert item.matched_project_id == demand["schools"]["สะเตง"].pk


def test_no_proposal_across_tambons_even_when_the_title_is_the_same(demand):
    # The item is in สะเตง; the only well needs are in ท่าสาป.
    items = _import([
        ["X", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลสะเตง อำเภอเมืองยะลา จังหวัดยะลา",
         "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    assert items["X"].state == ItemState.UNMATCHED


def test_confirm_shows_the_funding_on_every_village_need_of_its_lineage(demand):
    items = _import([
        ["W9", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
         "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    item = match_confirm(item=items["W9"], actor=None)
    assert item.state == ItemState.CONFIRMED
    request = FundingRequest.objects.get(pk=item.funding_request_id)
    assert (request.status, request.approved, request.source_agency_id) == (
        "approved",
        Decimal("450000.00"),
        "DGR",
    )
    need9, tambon9 = demand["wells"][9]
    need4, tambon4 = demand["wells"][4]
    outcome = trace(need9)["outcome"]
    assert outcome["status"] == "funded"
    assert outcome["amount"] == "450000.00"
    fates = outcomes_for([need9.pk, tambon9.pk, need4.pk, tambon4.pk])
    assert fates[need9.pk] == "funded"
    assert fates[tambon9.pk] == "funded"
    assert fates[need4.pk] != "funded"
    assert fates[tambon4.pk] != "funded"


def test_confirm_decides_the_referral_to_the_funder_when_there_is_one(demand):
    items = _import([
        ["S1", "ก่อสร้างอาคารเรียน โรงเรียนบ้านสะเตง ตำบลสะเตง อำเภอเมืองยะลา จังหวัดยะลา",
         "5,200,000", "OBEC", "", "2570", ""],
    ])  # fmt: skip
    item = match_confirm(item=items["S1"], actor=None)
    referral = Referral.objects.get(pk=item.funded_referral_id)
    assert referral.decision == Decision.FUNDED
    assert referral.amount == Decimal("5200000.00")
    assert referral.project_id == demand["schools"]["สะเตง"].pk
    other = demand["schools"]["ท่าสาป"]
    assert Referral.objects.get(project=other).decision == Decision.PENDING


def test_reject_leaves_nothing_behind(demand):
    items = _import([
        ["W9", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
         "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    referrals = list(Referral.objects.order_by("pk").values_list("pk", "decision", "amount"))
    item = match_reject(item=items["W9"], actor=None, reason="คนละโครงการ")
    assert item.state == ItemState.UNMATCHED
    assert item.matched_project_id is None
    assert item.match_score is None
    assert not FundingRequest.objects.exists()
    assert (
        list(Referral.objects.order_by("pk").values_list("pk", "decision", "amount")) == referrals
    )
    need9, _ = demand["wells"][9]
    assert trace(need9)["outcome"]["status"] != "funded"
    with pytest.raises(StateError):
        match_reject(item=item, actor=None)


def test_an_officer_cannot_confirm_a_need_of_another_village(demand):
    items = _import([
        ["W7", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 7 ต.ท่าสาป อ.เมืองยะลา จ.ยะลา",
         "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    with pytest.raises(DomainError):
        match_confirm(item=items["W7"], actor=None, project=demand["wells"][4][1])
    assert not FundingRequest.objects.exists()
    assert SupplyItem.objects.get(ref="W7").state == ItemState.UNMATCHED


def test_tambon_item_matches_a_grouped_need_of_that_tambon(reference_data):
    """One tambon project for the wells of หมู่ 4 and หมู่ 9 (a programme), copied up to the
    district: a tambon-level item answers it (both places are inside the item's tambon)."""
    m4, m9 = village("95010804", "บ้านลำปำ"), village("95010809", "บ้านท่าสาปใต้")
    tambon = make_project(
        area_plan(PlanKind.TAMBON, "950108"),
        "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร ตำบลท่าสาป (รวม 2 หมู่บ้าน)",
        issue_code="WATER",
        areas=[m4, m9],
    )
    district = _include(
        tambon, area_plan(PlanKind.DISTRICT_NEEDS, "9501"),
        "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร ตำบลท่าสาป (รวม 2 หมู่บ้าน)", [m4, m9],
    )  # fmt: skip
    referral_send(
        project=district, target=to_plan(area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "95")),
        actor=None,
    )  # fmt: skip
    items = _import([
        ["WT", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
         "900,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    assert items["WT"].state == ItemState.PROPOSED
    assert items["WT"].matched_project_id == district.pk


def test_a_grouped_need_is_matched_and_funded_by_its_component_only(reference_data):
    """The tambon groups the wells of หมู่ 4 and หมู่ 9 into one project with a component per
    village (issue 12); the item of หมู่ 9 funds the หมู่ 9 component, never หมู่ 4."""
    from planlink.plans.models import ProjectComponent

    m4, m9 = village("95010804", "บ้านลำปำ"), village("95010809", "บ้านท่าสาปใต้")
    tambon_plan = area_plan(PlanKind.TAMBON, "950108")
    grouped = make_project(
        tambon_plan, "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 4, 9", issue_code="WATER",
        areas=[m4, m9],
    )  # fmt: skip
    needs, parts = {}, {}
    for area, number in ((m4, 4), (m9, 9)):
        title = f"ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ {number}"
        needs[number] = make_project(
            area_plan(PlanKind.VILLAGE, area.code), title, issue_code="WATER"
        )
        parts[number] = ProjectComponent.objects.create(
            project=grouped, key=area.code, area=area, title=title, budget=Decimal("250000")
        )
        referral = referral_send(project=needs[number], target=to_plan(tambon_plan), actor=None)
        referral_decide(referral=referral, actor=None, decision="merged", result_project=grouped)
        Referral.objects.filter(pk=referral.pk).update(result_component=parts[number])
    referral_send(
        project=grouped, target=to_plan(area_plan(PlanKind.DISTRICT_NEEDS, "9501")), actor=None
    )
    items = _import([
        ["W9", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
         "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ])  # fmt: skip
    item = items["W9"]
    assert item.state == ItemState.PROPOSED
    assert (item.matched_project_id, item.matched_component_id) == (grouped.pk, parts[9].pk)
    item = match_confirm(item=item, actor=None)
    assert FundingRequest.objects.get(pk=item.funding_request_id).component_id == parts[9].pk
    fates = outcomes_for([needs[4].pk, needs[9].pk])
    assert fates[needs[9].pk] == "funded"
    assert fates[needs[4].pk] != "funded"

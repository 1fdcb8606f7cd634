"""A need's whole path: three villages → tambon → district → province → agency funding."""

from decimal import Decimal

import pytest

from planlink.areas.models import Agency
from planlink.cycles.services import cycle_create
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_create
from planlink.referrals.lineage import outcomes_for, trace
from planlink.referrals.services import referral_decide, referral_send, to_agency, to_plan
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


def send_and_include(source, plan, title):
    receiving = make_project(plan, title, issue_code="WATER")
    referral = referral_send(project=source, target=to_plan(plan), actor=None)
    referral_decide(referral=referral, actor=None, decision="included", result_project=receiving)
    return receiving


@pytest.fixture
def lineage(reference_data):
    villages = [
        make_project(
            area_plan(PlanKind.VILLAGE, f"240101{n:02d}"),
            f"ขุดลอกคลองหนองบัว หมู่ที่ {n}",
            issue_code="WATER",
        )
        for n in (1, 2, 3)
    ]
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    tambon_project = make_project(tambon_plan, "ขุดลอกคลองหนองบัว ตำบลหน้าเมือง", issue_code="WATER")
    for need in villages:
        referral = referral_send(project=need, target=to_plan(tambon_plan), actor=None)
        referral_decide(
            referral=referral, actor=None, decision="merged", result_project=tambon_project
        )
    district_project = send_and_include(
        tambon_project, area_plan(PlanKind.DISTRICT_NEEDS, "2401"), "ขุดลอกคลองหนองบัว"
    )
    province_project = send_and_include(
        district_project,
        area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "24"),
        "ขุดลอกคลองหนองบัว อำเภอเมืองฉะเชิงเทรา",
    )
    rid = Agency.objects.get(code="RID")
    request_plan = plan_create(
        actor=None,
        kind=PlanKind.AGENCY_REQUEST,
        cycle=cycle_create(fiscal_year=2570),
        owner_agency=rid,
    )
    line = make_project(request_plan, "ขุดลอกคลองหนองบัว จ.ฉะเชิงเทรา", issue_code=None, areas=[])
    to_rid = referral_send(project=province_project, target=to_agency(rid), actor=None)
    referral_decide(referral=to_rid, actor=None, decision="included", result_project=line)
    referral_decide(
        referral=to_rid,
        actor=None,
        decision="funded",
        amount="3200000",
        fiscal_year=2570,
        funding_source="กรมชลประทาน",
    )
    return villages, tambon_project, province_project


def test_each_village_need_reads_the_agency_funding_decision(lineage):
    villages, _, _ = lineage
    for need in villages:
        outcome = trace(need)["outcome"]
        assert outcome["status"] == "funded"
        assert outcome["amount"] == "3200000.00"
        assert outcome["sources"] == ["กรมชลประทาน"]
        assert outcome["fiscal_years"] == [2570]


def test_the_merged_tambon_project_keeps_all_three_sources(lineage):
    villages, tambon_project, _ = lineage
    result = trace(tambon_project)
    assert sorted(node["id"] for node in result["ancestors"]) == sorted(v.pk for v in villages)
    kinds = [node["plan"]["kind"] for node in result["descendants"]]
    assert kinds == ["district_needs", "provincial_development", "agency_request"]


def test_a_village_trace_walks_every_level_up_with_decisions(lineage):
    villages, _, _ = lineage
    result = trace(villages[0])
    assert [n["plan"]["kind"] for n in result["descendants"]] == [
        "tambon",
        "district_needs",
        "provincial_development",
        "agency_request",
    ]
    decisions = [
        edge["decision"] for edge in result["referrals"] if edge["from_project"] == villages[0].pk
    ]
    assert decisions == ["merged"]


def test_bulk_outcomes_agree_with_trace(lineage):
    villages, tambon_project, _ = lineage
    assert outcomes_for([v.pk for v in villages] + [tambon_project.pk]) == {
        villages[0].pk: "funded",
        villages[1].pk: "funded",
        villages[2].pk: "funded",
        tambon_project.pk: "funded",
    }


def test_a_need_whose_path_ended_not_funded_says_so(reference_data):
    need = make_project(area_plan(PlanKind.VILLAGE, "24010104"), "สร้างลานกีฬา", issue_code="EDU")
    referral = referral_send(
        project=need, target=to_agency(Agency.objects.get(code="DCP")), actor=None
    )
    referral_decide(referral=referral, actor=None, decision="not_funded", reason="ไม่อยู่ในภารกิจ")
    outcome = trace(need)["outcome"]
    assert (outcome["status"], outcome["reason"]) == ("not_funded", "ไม่อยู่ในภารกิจ")
    assert outcomes_for([need.pk]) == {need.pk: "not_funded"}
    assert Decimal(need.budget) > 0

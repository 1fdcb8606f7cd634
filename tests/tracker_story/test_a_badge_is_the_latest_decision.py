"""A need's badge is its latest decision along the lineage, outcomes flowing back down: a
refused funding request of the tambon project ends "in progress"; sending on again reopens it;
funding at the top reaches every need merged below. The list (``stories_for``) and the need's
own path (``trace``) say the same."""

from __future__ import annotations

import pytest

from planlink.areas.models import Agency
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.referrals.lineage import stories_for, trace
from planlink.referrals.models import Decision, FundingStatus
from planlink.referrals.services import (
    funding_request_create,
    funding_request_decide,
    referral_decide,
    referral_send,
    to_agency,
    to_plan,
)
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

REFUSED = "งบประมาณปี 2570 ไม่เพียงพอ นายสมชาย ใจดี ปลัด อบต. แจ้ง โทร 081-234-5678"


def both(need):
    """(status, reason) from the list and from the need's own path."""
    story = stories_for([need.pk])[need.pk]
    outcome = trace(need)["outcome"]
    assert story.status == outcome["status"]
    assert story.reason == outcome.get("reason", "")
    return story.status, story.reason


@pytest.fixture
def merged(people):
    """Two village needs merged into one tambon project."""
    needs = []
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    tambon_project = make_project(tambon_plan, "ขุดลอกคลองหนองบัว ตำบลหน้าเมือง", issue_code="WATER")
    for code in ("24010101", "24010102"):
        plan = area_plan(PlanKind.VILLAGE, code)
        need = make_project(plan, f"ขุดลอกคลองหนองบัว {code}", issue_code="WATER")
        plan_submit(plan=plan, actor=None)
        referral = referral_send(project=need, target=to_plan(tambon_plan), actor=None)
        referral_decide(
            referral=referral,
            actor=people["tambon"],
            decision=Decision.MERGED,
            result_project=tambon_project,
        )
        needs.append(need)
    return needs, tambon_project


def test_a_merged_need_is_in_progress(merged):
    needs, _ = merged
    for need in needs:
        assert both(need) == ("in_progress", "")
    assert stories_for([n.pk for n in needs])[needs[0].pk].collected is True


def test_a_refused_funding_request_ends_it_with_its_reason(merged, people):
    needs, tambon_project = merged
    request = funding_request_create(
        project=tambon_project, actor=None, source="lao", fiscal_year=2570, requested="500000"
    )
    assert both(needs[0]) == ("in_progress", "")  # filed, waiting
    funding_request_decide(
        request=request, actor=None, status=FundingStatus.REJECTED, reason=REFUSED
    )
    for need in needs:
        assert both(need) == ("not_funded", REFUSED)
    assert stories_for([needs[0].pk])[needs[0].pk].closed_by == FundingStatus.REJECTED


def test_sending_on_after_a_refusal_is_in_progress_again(merged, people):
    needs, tambon_project = merged
    request = funding_request_create(
        project=tambon_project, actor=None, source="lao", fiscal_year=2570, requested="500000"
    )
    funding_request_decide(
        request=request, actor=None, status=FundingStatus.REJECTED, reason=REFUSED
    )
    district = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    referral_send(project=tambon_project, target=to_plan(district), actor=None)
    assert both(needs[0]) == ("in_progress", "")


def test_a_return_at_the_district_reaches_the_village_need(merged, people):
    needs, tambon_project = merged
    district = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    up = referral_send(project=tambon_project, target=to_plan(district), actor=None)
    assert both(needs[1]) == ("in_progress", "")
    referral_decide(
        referral=up,
        actor=people["district"],
        decision=Decision.RETURNED,
        reason="ซ้ำกับโครงการของกรมชลประทานปี 2569",
    )
    assert both(needs[1]) == ("not_funded", "ซ้ำกับโครงการของกรมชลประทานปี 2569")


def test_funding_at_the_top_flows_down_to_every_merged_need(merged, people):
    needs, tambon_project = merged
    rid = Agency.objects.get(code="RID")
    up = referral_send(project=tambon_project, target=to_agency(rid), actor=None)
    referral_decide(
        referral=up,
        actor=people["agency"],
        decision=Decision.FUNDED,
        amount="480000",
        fiscal_year=2570,
        funding_source="กรมชลประทาน",
    )
    for need in needs:
        assert both(need) == ("funded", "")


def test_a_need_returned_by_the_tambon_is_not_funded_and_one_never_sent_is_not_sent(people):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    returned = make_project(plan, "ซ่อมแซมถนนลูกรังสายหนองบัว", issue_code="INFRA")
    kept = make_project(plan, "ปลูกผักสวนครัวรั้วกินได้", issue_code="ECON")
    plan_submit(plan=plan, actor=None)
    referral = referral_send(
        project=returned, target=to_plan(area_plan(PlanKind.TAMBON, "240101")), actor=None
    )
    referral_decide(
        referral=referral,
        actor=people["tambon"],
        decision=Decision.RETURNED,
        reason="อยู่ในเขตทางหลวงชนบท ให้เสนอแขวงทางหลวงชนบท",
    )
    assert both(returned) == ("not_funded", "อยู่ในเขตทางหลวงชนบท ให้เสนอแขวงทางหลวงชนบท")
    assert both(kept) == ("not_sent", "")

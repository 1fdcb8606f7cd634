"""The demo's agency notices are written as a funded-items file and imported the real way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planlink.areas.models import Agency, Area
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_create
from planlink.referrals.models import Decision, Referral
from planlink.referrals.services import referral_decide, referral_send, to_agency
from planlink.supply.models import SupplyItem
from planlink.supply.simulated import import_simulated_notices, notices_csv
from tests.factories import area_plan, make_project, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def included(reference_data):
    village("95010809", "บ้านท่าสาปใต้")
    dgr = Agency.objects.get(code="DGR")
    need = make_project(
        area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "95"),
        "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลท่าสาป",
        issue_code="WATER",
        areas=[Area.objects.get(code="95010809")],
    )
    request_plan = plan_create(
        actor=None, kind=PlanKind.AGENCY_REQUEST, cycle=PlanningCycle.objects.get(pk=2570),
        owner_agency=dgr,
    )  # fmt: skip
    line = make_project(request_plan, need.title, issue_code=None, areas=[])
    referral = referral_send(project=need, target=to_agency(dgr), actor=None)
    referral_decide(referral=referral, actor=None, decision="included", result_project=line)
    return referral


def test_notices_file_is_in_the_import_format(included):
    data = notices_csv(
        [("DGR", Decimal("420000"), "ขุดเจาะบ่อบาดาล จ.ยะลา"), ("DGR", Decimal("1"), "ซ่อมถนน")],
        Area.objects.get(code="95"),
        PlanningCycle.objects.get(pk=2570),
    )
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "รายการ,จำนวนเงิน,หน่วยรับงบประมาณ,กระทรวง,ปีงบประมาณ,area_code"
    assert lines[1].endswith(",2570,")  # names its province: located from the text
    assert lines[2].endswith(",2570,95")


def test_simulated_notice_funds_the_referral_through_the_import(included):
    title = "โครงการขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลท่าสาป จังหวัดยะลา"
    counts = import_simulated_notices(
        [("DGR", Decimal("420000"), title)],
        Area.objects.get(code="95"),
        PlanningCycle.objects.get(pk=2570),
    )
    assert counts == {"agency_notices": 1, "agency_funded": 1}
    referral = Referral.objects.get(pk=included.pk)
    assert referral.decision == Decision.FUNDED
    assert referral.amount == Decimal("420000.00")
    item = SupplyItem.objects.get()
    assert item.synthetic
    assert item.state == "confirmed"
    again = import_simulated_notices(
        [("DGR", Decimal("420000"), title)],
        Area.objects.get(code="95"),
        PlanningCycle.objects.get(pk=2570),
    )
    assert again["agency_funded"] == 0
    assert SupplyItem.objects.count() == 1

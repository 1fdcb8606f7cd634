"""Routes name the agency (กรมชลประทาน), not its code (RID), and the engine's reason for a
routed referral is Thai, with no "(routing by capacity)" in English inside the Thai UI."""

from __future__ import annotations

import re

import pytest

from planlink.consolidation.routing import route_province_plan
from planlink.consolidation.sending import send_routes
from planlink.plans.models import CapacityLevel, PlanKind
from planlink.referrals.models import Referral
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed(people):
    plan = area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "24")
    weir = make_project(
        plan,
        "ก่อสร้างฝายชะลอน้ำลำห้วยใหญ่",
        issue_code="WATER",
        budget=12000000,
        capacity_level=CapacityLevel.AGENCY,
        suggested_agency_id="RID",
    )
    clinic = make_project(
        plan,
        "คัดกรองเบาหวานและความดันโลหิตสูง",
        issue_code="HEALTH",
        budget=9000000,
        capacity_level=CapacityLevel.AGENCY,
    )
    route_province_plan(plan)
    return plan, weir, clinic


def test_the_route_names_the_agency(routed):
    plan, weir, clinic = routed
    weir.refresh_from_db()
    clinic.refresh_from_db()
    assert "ส่งกรมชลประทาน จัดทำคำของบประมาณ" in weir.engine_note
    assert "RID" not in weir.engine_note
    # the issue's default agency (HEALTH → OPS-MOPH) is named too
    assert "สำนักงานปลัดกระทรวงสาธารณสุข" in clinic.engine_note
    assert "OPS-MOPH" not in clinic.engine_note


def test_the_review_page_shows_names_not_codes(routed, people, signed_in):
    plan, weir, clinic = routed
    page = signed_in(people["province"]).get(f"/plans/{plan.pk}/consolidation/?issue=all")
    text = page.content.decode()
    assert page.status_code == 200
    assert "กรมชลประทาน" in text
    for code in ("RID", "OPS-MOPH"):
        assert not re.search(rf"\b{re.escape(code)}\b", text.split("<main", 1)[1]), code


def test_the_routed_referral_gives_its_reason_in_thai(routed):
    plan, weir, clinic = routed
    send_routes(plan)
    reasons = set(
        Referral.objects.filter(project__plan=plan).values_list("engine_reason", flat=True)
    )
    assert reasons == {"ส่งตามเส้นทางที่เสนอ (จัดเส้นทางตามศักยภาพ)"}
    assert not any(re.search("[A-Za-z]", reason) for reason in reasons)
